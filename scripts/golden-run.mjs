#!/usr/bin/env node
// A golden run: runs the built CLI (dist/) over the demo, the fixture packages and
// projects, every tool's help and usage errors, and writes one transcript (stdout,
// stderr, exit code of each command, then the hash of every file the run wrote).
// Used to show a refactor changes no output: run it before and after, diff the two.
// Keys and random bytes are made repeatable by scripts/golden-deterministic.cjs.
//   node scripts/build.mjs --no-types && node scripts/golden-run.mjs OUT.txt
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/golden-run.mjs OUT.txt');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'wdksim-golden-'));
const NOW = '2026-03-04T05:06:07Z';
const env = { ...process.env, NO_COLOR: '1', TZ: 'UTC', WDKSIM_NOW: NOW, WDKSIM_TARGET: join(work, 't') };
delete env.FORCE_COLOR;
const transcript = [];
// setupapi.dev.log names host paths (the run's folder) and stamps each section with the
// clock plus the real time elapsed, and
// .wdksim/state.mark records file times: the hashes that depend on them are masked.
const norm = (s) =>
  s
    .split(work)
    .join('<W>')
    .split(repo)
    .join('<REPO>')
    .replace(/^(.*setupapi\.dev\.log.*)$/gm, (line) => line.replace(/[0-9a-f]{64}/g, '<sha256>'));
// ... and the lock's owner records (a pid and a time) and verify.cache (file times).
const VARIES = /(^|\/)(state\.mark|snapshots\/[^/]+\.json|lock[^/]*\/owner\.json|verify\.cache)$/;
const LOG_TIME = /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\.\d{3}/g;

let seq = 0;
function run(...args) {
  const r = spawnSync(process.execPath, ['--require', join(repo, 'scripts/golden-deterministic.cjs'), join(repo, 'bin/wdksim.js'), ...args], {
    cwd: work,
    env: { ...env, WDKSIM_GOLDEN_SEQ: String(seq++) },
    encoding: 'utf8',
  });
  transcript.push(`=== wdksim ${args.join(' ')}\n--- exit ${r.status}\n--- stdout\n${norm(r.stdout)}\n--- stderr\n${norm(r.stderr)}\n`);
}

cpSync(join(repo, 'fixtures/packages'), join(work, 'pk'), { recursive: true });
cpSync(join(repo, 'fixtures/projects'), join(work, 'pr'), { recursive: true });
cpSync(join(repo, 'fixtures/stamp'), join(work, 'st'), { recursive: true });

const tools = ['inf', 'infverif', 'stampinf', 'inf2cat', 'cert', 'signtool', 'catalog', 'target', 'deploy', 'devcon', 'pnputil', 'build', 'demo', 'doctor'];
run();
run('--help');
run('--version');
run('nosuchtool');
for (const t of tools) {
  run(t, '--help');
  run(t, '-h');
  run(t, '/?');
  run(t);
  run(t, '--no-such-option');
  // A `/switch` is a path on POSIX to the GNU-style tools, so only the Windows-style ones get one.
  if (['infverif', 'stampinf', 'inf2cat', 'signtool', 'devcon', 'pnputil'].includes(t)) run(t, '/nosuchswitch');
}
for (const sub of ['init', 'show', 'verify', 'reboot', 'reg', 'log', 'snapshot', 'diff', 'report', 'view']) run('target', sub, '--help');
for (const sub of ['parse']) run('inf', sub, '--help');
for (const sub of ['new']) run('cert', sub, '--help');
for (const sub of ['dump', 'verify']) run('catalog', sub, '--help');
for (const sub of ['sign', 'verify']) run('signtool', sub, '/?');
for (const c of [
  'help',
  'find',
  'install',
  'update',
  'dp_add',
  'status',
  'remove',
  'enable',
  'disable',
  'restart',
  'hwids',
  'classes',
  'drivernodes',
  'stack',
  'resources',
  'rescan',
])
  run('devcon', 'help', c);

// INF tools over every fixture package.
const infs = [];
for (const pkg of readdirSync(join(work, 'pk')).sort()) {
  const dir = join(work, 'pk', pkg);
  if (!statSync(dir).isDirectory()) continue;
  for (const f of readdirSync(dir).sort()) if (/\.(inf|inx)$/i.test(f)) infs.push(`pk/${pkg}/${f}`);
}
for (const inf of infs) {
  run('inf', 'parse', inf);
  run('inf', 'parse', inf, '--json');
  run('infverif', inf);
  run('infverif', '/w', '/v', inf);
  run('infverif', '/u', inf);
  run('infverif', '/k', '--format', 'json', inf);
  run('infverif', '/h', '--format', 'sarif', inf);
  run('infverif', '/w', '--format', 'github', inf);
  run('infverif', '/w', '--format=text', inf);
}
run('infverif', '/code', '1203');
run('infverif', '/code');
run('infverif', '/w', '/u');
run('infverif', 'nosuch.inf');
for (const c of readdirSync(join(work, 'st')).sort()) {
  const dir = join(work, 'st', c);
  let args;
  try {
    args = readFileSync(join(dir, 'args.txt'), 'utf8').trim();
  } catch {
    continue;
  }
  const input = readdirSync(dir).find((f) => f.startsWith('input.'));
  if (!input) continue;
  const argv = (args.match(/"[^"]*"|\S+/g) ?? []).map((a) => a.replace(/^"|"$/g, ''));
  run('stampinf', ...argv, '-f', `st/${c}/${input}`);
}
for (const pkg of readdirSync(join(work, 'pk')).sort()) {
  if (!statSync(join(work, 'pk', pkg)).isDirectory()) continue;
  run('inf2cat', `/driver:pk/${pkg}`, '/os:10_X64');
  run('inf2cat', `/driver:pk/${pkg}`, '/os:10_X64,10_X86', '/verbose');
  run('inf2cat', `-driver:pk/${pkg}`, '-os:10_x64', '/nocat');
  run('inf2cat', '/driver', `pk/${pkg}`, '/os:Server2019_X64', '/uselocaltime');
}
run('inf2cat', '/drv:pk/KmdfHelloWorld', '/OS:10_X64,Server10_X64', '/v', '/pageHashes', '/nocat');
run('inf2cat', '/driver:pk/KmdfHelloWorld', '/os:10_X64', '/DRMLevel:1');
run('inf2cat', '/driver:pk/KmdfHelloWorld', '/os:10_X64', '/nocat:yes', '--json');
run('inf2cat', '/driver:pk/nosuch', '/os:10_X64');
run('inf2cat', '/driver:pk/KmdfHelloWorld');
run('inf2cat', '/driver:pk/KmdfHelloWorld', '/os:NoSuchOs');

// Certificates, signing, catalogs.
run('cert', 'new', '--subject', 'CN=Golden Test', '--out', 'golden');
run('cert', 'new', '--help');
run('signtool', 'sign', '/fd', 'sha256', '/f', 'golden.pfx', 'pk/KmdfHelloWorld/kmdfhelloworld.cat');
for (const pkg of ['KmdfHelloWorld', 'multi-arch', 'two-infs']) {
  const cats = readdirSync(join(work, 'pk', pkg)).filter((f) => f.endsWith('.cat'));
  for (const cat of cats) {
    run('signtool', 'sign', '/fd', 'sha256', '/f', 'golden.pfx', `pk/${pkg}/${cat}`);
    run('signtool', 'verify', '/pa', `pk/${pkg}/${cat}`);
    run('signtool', 'verify', '/pa', '/v', `pk/${pkg}/${cat}`);
    run('signtool', 'verify', `pk/${pkg}/${cat}`);
    run('catalog', 'dump', `pk/${pkg}/${cat}`);
    run('catalog', 'dump', `pk/${pkg}/${cat}`, '--json');
    run('catalog', 'verify', `pk/${pkg}/${cat}`, `pk/${pkg}`);
  }
}
run('signtool', 'sign', '/f', 'golden.pfx', 'nosuch.cat');
run('signtool', 'verify', '/pa', 'nosuch.cat');
run('signtool', 'sign', '/fd', 'sha1');

// Projects: doctor and build.
for (const p of ['echo-kmdf', 'mux-multi-inf', 'simdevice-kmdf', 'simdevice-umdf']) {
  run('doctor', `pr/${p}`);
  run('doctor', `pr/${p}`, '--format', 'json');
  run('build', `pr/${p}`, '--configuration', 'Debug', '--platform', 'x64', '--placeholder-binaries');
  run('build', `pr/${p}`, '--configuration', 'Release', '--platform', 'x64', '--placeholder-binaries', '--json');
}

// The simulated machine: target, deploy, devcon, pnputil.
run('target', 'init', 't', '--testsigning', 'on', '--kdnet-port', '50000', '--kdnet-key', '1.2.3.4');
run('target', 'show');
run('target', 'show', '--json');
run('target', 'snapshot', 'before');
run('deploy', 'pk/KmdfHelloWorld');
run('devcon', 'install', 't/DriverTest/Drivers/KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld');
run('devcon', 'status', 'Root\\KmdfHelloWorld');
for (const c of [
  ['find', '*'],
  ['findall', '*'],
  ['find', '=ports'],
  ['hwids', '*PNP0501'],
  ['classes'],
  ['listclass', 'ports'],
  ['drivernodes', 'Root\\KmdfHelloWorld'],
  ['driverfiles', 'Root\\KmdfHelloWorld'],
  ['stack', '*PNP0501'],
  ['resources', '*PNP0501'],
  ['dp_enum'],
  ['disable', 'Root\\KmdfHelloWorld'],
  ['status', 'Root\\KmdfHelloWorld'],
  ['enable', 'Root\\KmdfHelloWorld'],
  ['restart', 'Root\\KmdfHelloWorld'],
  ['rescan'],
  ['sethwid', '@ROOT\\SYSTEM\\0001', ':=', 'Root\\Other'],
  ['status', '*'],
  ['find'],
  ['nosuchcmd'],
])
  run('devcon', ...c);
run('devcon', 'update', 't/DriverTest/Drivers/KmdfHelloWorld.inf', 'Root\\NoSuchDevice');
run('devcon', 'install', 'nosuch.inf', 'Root\\X');
run('devcon', 'install', 'pk/bad-driverver/bad-driverver.inf', 'Root\\Bad');
run('devcon', 'dp_add', 'pk/multi-arch/multi-arch.inf');
for (const c of [
  ['/enum-drivers'],
  ['/enum-devices'],
  ['/enum-devices', '/drivers'],
  ['/enum-devices', '/connected'],
  ['/enum-devices', '/class', 'Ports'],
  ['/enum-devices', '/problem'],
  ['/enum-devices', '/format', 'xml'],
  ['/enum-devices', '/tree'],
  ['/enum-classes'],
  ['/enum-interfaces'],
  ['/enum-interfaces', '/properties'],
  ['/enum-containers'],
  ['/enum-drivers', '/files'],
  ['-e'],
  ['/add-driver', 'pk/two-infs/*.inf'],
  ['/add-driver', 'pk/utc-date/*.inf', '/install'],
  ['/add-driver', 'pk/legacy-date/legacy-date.inf', '/install', '/reboot'],
  ['/enum-drivers'],
  ['/delete-driver', 'oem1.inf'],
  ['/delete-driver', 'oem0.inf'],
  ['/delete-driver', 'oem0.inf', '/uninstall', '/force'],
  ['/disable-device', 'ACPI\\PNP0501\\1'],
  ['/enable-device', 'ACPI\\PNP0501\\1'],
  ['/restart-device', 'ACPI\\PNP0501\\1'],
  ['/remove-device', 'ACPI\\PNP0501\\1'],
  ['/scan-devices'],
  ['/export-driver', '*', 'exported'],
  ['/enum-drivers', '/format', 'csv'],
  ['/nosuch'],
])
  run('pnputil', ...c);
// Command-line forms real scripts use (issue 20 moved these grammars onto src/switches.ts).
run('devcon', '-r', 'install', 't/DriverTest/Drivers/KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld');
run('devcon', '-m:\\\\lab', 'find', '=ports');
run('devcon', '/F', '/find', '@ACPI\\*');
run('devcon', 'status', '-r');
run('pnputil', '-i', '-a', 'pk/legacy-date/legacy-date.inf');
run('pnputil', '/add-driver', 'pk/two-infs/*.inf', '/subdirs', '/install');
run('pnputil', '-ENUM-DEVICES', '/CLASS', 'Ports', '/problem', '0');
run('pnputil', '/enum-devices', '/class');
run('target', 'snapshot', 'after');
run('target', 'diff', 'before', 'after');
run('target', 'diff', '--since', 'before', '--exit-code');
run('target', 'diff', '--since', 'before', '--html', '-');
run('target', 'diff', '--html', '--json');
run('target', 'show', '--JSON', 'x');
run('target', 'verify');
run('target', 'log', '--tail', '40');
run('target', 'reg', 'query', 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\KmdfHelloWorld', '/s');
run('target', 'reg', 'export', 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\KmdfHelloWorld', 'service.reg');
run('target', 'reboot');
run('target', 'report');
run('target', 'report', '--json');
run('target', 'show', '--json');
run('demo');
run('demo', 'demo2');

// Every file the run left: path and SHA-256.
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else {
      const rel = relative(work, p).split('\\').join('/');
      let data = readFileSync(p);
      if (VARIES.test(rel)) {
        files.push(`${rel}  (varies)`);
        continue;
      }
      if (rel.endsWith('setupapi.dev.log')) data = Buffer.from(norm(data.toString('latin1')).replace(LOG_TIME, '<time>'), 'latin1');
      files.push(`${rel}  ${createHash('sha256').update(data).digest('hex')}`);
    }
  }
})(work);
transcript.push(`=== files\n${files.join('\n')}\n`);
writeFileSync(out, transcript.join('\n'));
rmSync(work, { recursive: true, force: true });
console.log(`${out}: ${transcript.length - 1} command(s), ${files.length} file(s)`);
