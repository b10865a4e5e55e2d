#!/usr/bin/env node
// Re-makes a Windows-made catalog with wdksim inf2cat and compares the two:
// member digests, File, OSAttr, and the OS and HWIDn catalog attributes.
//
//   node scripts/compare-catalog.mjs PACKAGE_DIR REAL.cat [/os:LIST]
// (a catalog with 10X86/10X64 OS tokens is re-made with --wdk 10.0.10240)
//
// The package folder is copied (without its .cat files) to a temporary
// folder; the /os list defaults to the ids whose OS tokens the real catalog
// carries; the time is the real catalog's effective date (--now). Exit 0 when
// everything compared is equal, 1 otherwise. Run `node scripts/build.mjs` first.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'wdksim.js');
const [pkgDir, realCat, osArg] = process.argv.slice(2);
if (!pkgDir || !realCat) {
  console.error('usage: node scripts/compare-catalog.mjs PACKAGE_DIR REAL.cat [/os:LIST]');
  process.exit(2);
}

function wdksim(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return r;
}
function dump(file) {
  const r = wdksim(['catalog', 'dump', '--json', file]);
  if (r.status !== 0) throw new Error(`catalog dump ${file}: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout);
}
function attr(doc, name) {
  return doc.attributes.find((a) => a.name === name)?.value;
}
function memberAttr(m, name) {
  return m.attributes.find((a) => a.name === name)?.value;
}

const real = dump(realCat);
let os = osArg;
// A catalog with 10X86/10X64 tokens was made by an Inf2Cat older than WDK 10.0.14393.
const legacyTokens = /(^|,)10X(86|64)(,|$)/i.test(attr(real, 'OS') ?? '');
if (!os) {
  // OS token → /os id, through wdksim's own table (inf2cat --json lists ids, the dump tokens).
  const { OS_IDS } = await import(join(dirname(cli), '..', 'dist', 'index.js')).catch(() => ({}));
  // Inf2Cat of 2015 (WDK 10 RTM) wrote 10X86 / 10X64 where later ones write _v100 / _v100_X64.
  const older = { '10x86': '10_X86', '10x64': '10_X64' };
  const tokens = (attr(real, 'OS') ?? '').split(',').filter(Boolean);
  const ids = tokens.map((t) => older[t.toLowerCase()] ?? OS_IDS?.find((o) => o.osToken.toLowerCase() === t.toLowerCase())?.id ?? `?${t}`);
  os = `/os:${ids.join(',')}`;
}

const work = mkdtempSync(join(tmpdir(), 'wdksim-compare-'));
const copy = join(work, basename(pkgDir));
cpSync(pkgDir, copy, { recursive: true, filter: (src) => statSync(src).isDirectory() || !/\.cat$/i.test(src) });
// git may have stored the INF with LF line ends; Inf2Cat hashed it with CRLF.
for (const entry of readdirSync(copy, { recursive: true })) {
  const file = join(copy, entry);
  if (!/\.inf$/i.test(file) || !statSync(file).isFile()) continue;
  const text = readFileSync(file);
  if (!text.includes(13) && text.includes(10)) {
    writeFileSync(file, Buffer.from(text.toString('latin1').replace(/\n/g, '\r\n'), 'latin1'));
    console.log(`(${entry}: LF line ends turned back into CRLF)`);
  }
}
const run = wdksim(['--now', real.effectiveDate, 'inf2cat', `/driver:${copy}`, os, '--json', ...(legacyTokens ? ['--wdk', '10.0.10240'] : [])]);
let made;
try {
  const result = JSON.parse(run.stdout);
  const wanted = basename(realCat).toLowerCase();
  const catalog = result.catalogs.find((c) => basename(c.path).toLowerCase() === wanted);
  if (!catalog) {
    console.log(`wdksim inf2cat ${os} exit ${result.exitCode}: no catalog named ${wanted}; made: ${result.catalogs.map((c) => basename(c.path)).join(', ') || 'none'}`);
    for (const d of result.diagnostics) console.log(`  ${d.text}`);
    if (result.error) console.log(`  ${result.error}`);
    process.exit(1);
  }
  made = dump(catalog.path);
  if (result.exitCode !== 0) console.log(`(wdksim inf2cat exit ${result.exitCode}: ${result.diagnostics.map((d) => d.text).join('; ')})`);
} catch (error) {
  console.log(`wdksim inf2cat ${os}: ${run.stdout}${run.stderr}`);
  throw error;
}

let same = true;
const line = (ok, text) => {
  if (!ok) same = false;
  console.log(`${ok ? 'same' : 'DIFF'}  ${text}`);
};
const key = (m) => `${m.digest} ${memberAttr(m, 'File') ?? ''} ${memberAttr(m, 'OSAttr') ?? ''}`;
const realMembers = real.members
  .filter((m) => !m.shadow)
  .map(key)
  .sort();
const madeMembers = made.members
  .filter((m) => !m.shadow)
  .map(key)
  .sort();
console.log(`${realCat}: ${os}, time ${real.effectiveDate}, v${real.version} (wdksim v${made.version})`);
line(real.version === made.version, `version ${real.version} / ${made.version}`);
for (const m of realMembers) line(madeMembers.includes(m), `member ${m}`);
for (const m of madeMembers) if (!realMembers.includes(m)) line(false, `extra member in wdksim's catalog: ${m}`);
// v2 SHA-1 entries: the tag, File and OSAttr (Inf2Cat writes both; MakeCat leaves File out).
const shadowKey = (m) => `${m.tag} ${memberAttr(m, 'File') ?? ''} ${memberAttr(m, 'OSAttr') ?? ''}`;
const realShadows = real.members
  .filter((m) => m.shadow)
  .map(shadowKey)
  .sort();
const madeShadows = made.members
  .filter((m) => m.shadow)
  .map(shadowKey)
  .sort();
for (const m of realShadows) line(madeShadows.includes(m), `SHA-1 entry ${m}`);
for (const m of madeShadows) if (!realShadows.includes(m)) line(false, `extra SHA-1 entry in wdksim's catalog: ${m}`);
line(attr(real, 'OS') === attr(made, 'OS'), `OS ${attr(real, 'OS')} / ${attr(made, 'OS')}`);
const hwids = (doc) =>
  doc.attributes
    .filter((a) => /^HWID\d+$/.test(a.name))
    .map((a) => `${a.name}=${a.value}`)
    .sort();
line(JSON.stringify(hwids(real)) === JSON.stringify(hwids(made)), `HWIDn ${hwids(real).join(' ')} / ${hwids(made).join(' ')}`);
rmSync(work, { recursive: true, force: true });
process.exit(same ? 0 : 1);
