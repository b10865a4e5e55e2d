// `wdksim catalog dump FILE.cat [--json]` and `wdksim catalog verify FILE.cat
// --package DIR [--json]`: what is inside a catalog (readable like certutil
// -dump), and whether a package folder still matches it.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  CatalogFormatError,
  readCatalog,
  verifyCatalogSignature,
  verifyPackageAgainstCatalog,
  type CatalogInfo,
  type CatalogMember,
  type CertificateInfo,
} from '../catalog/index.js';
import { InputError, UsageError, describeFsError } from '../errors.js';
import { LintExit } from '../exit-codes.js';
import { catalogHelp, parseCatalogArgs } from './args/catalog.js';
import type { Context } from '../io.js';
import type { CatalogDumpJson, CatalogVerifyJson } from '../json-records.js';
import { readUserInput } from '../fs/read-input.js';

async function load(ctx: Context, file: string): Promise<CatalogInfo> {
  const path = resolve(ctx.io.cwd, file);
  let bytes: Buffer;
  try {
    bytes = await readUserInput(path);
  } catch (error) {
    throw new InputError(describeFsError(error, file));
  }
  try {
    return readCatalog(bytes);
  } catch (error) {
    if (error instanceof CatalogFormatError) throw new InputError(`${file}: ${error.message}; is it a .cat file?`);
    throw error;
  }
}

const hex = (b: Buffer | undefined) => (b ? b.toString('hex').toUpperCase() : undefined);
const utc = (d: Date | undefined) =>
  d
    ? d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')
    : '(none)';

function certJson(c: CertificateInfo | undefined) {
  return (
    c && {
      subject: c.subject,
      issuer: c.issuer,
      serialNumber: c.serialNumber,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      sha1Thumbprint: c.sha1Thumbprint,
    }
  );
}

function memberJson(m: CatalogMember) {
  return {
    tag: m.tag,
    fileName: m.fileName ?? null,
    hashAlgorithm: m.hashAlgorithm ?? null,
    digest: hex(m.digest) ?? null,
    kind: m.isPe === undefined ? null : m.isPe ? 'pe' : 'flat',
    shadow: m.shadow,
    pageHashes: m.pageHashes,
    attributes: m.attributes.map((a) => ({ name: a.name, value: a.value, flags: a.flags })),
  };
}

export function catalogJson(file: string, info: CatalogInfo): CatalogDumpJson {
  return {
    file,
    version: info.version,
    listIdentifier: hex(info.listIdentifier),
    effectiveDate: info.thisUpdate?.toISOString() ?? null,
    attributes: info.attributes.map((a) => ({ name: a.name, value: a.value, flags: a.flags })),
    members: info.members.map(memberJson),
    signed: info.signed,
    signers: info.signers.map((s) => ({ digestAlgorithm: s.digestAlgorithm ?? null, certificate: certJson(s.certificate) ?? null })),
  };
}

function dumpText(file: string, info: CatalogInfo): string {
  const lines = [
    `Catalog: ${file}`,
    `  Version:         ${info.version} (${info.version === 1 ? 'SHA-1 members' : 'SHA-256 members'})`,
    `  List identifier: ${hex(info.listIdentifier)}`,
    `  Effective date:  ${utc(info.thisUpdate)}`,
  ];
  if (!info.signed) lines.push('  Signature:       none (unsigned catalog)');
  for (const s of info.signers) {
    const c = s.certificate;
    lines.push(`  Signer:          ${c ? c.subject : '(certificate not included)'}`);
    if (c) {
      lines.push(`  Issuer:          ${c.issuer}`, `  Valid:           ${utc(c.notBefore)} to ${utc(c.notAfter)}`, `  Thumbprint:      ${c.sha1Thumbprint}`);
    }
    if (s.digestAlgorithm) lines.push(`  Signature hash:  ${s.digestAlgorithm.toUpperCase()}`);
  }
  lines.push('', `Catalog attributes (${info.attributes.length}):`);
  const width = Math.max(0, ...info.attributes.map((a) => a.name.length));
  for (const a of info.attributes) lines.push(`  ${a.name.padEnd(width)} = ${a.value}`);
  lines.push('', `Members (${info.members.length}):`);
  info.members.forEach((m, i) => {
    lines.push(`  [${i + 1}] Tag: ${m.tag}`);
    if (m.shadow) {
      lines.push(`      SHA-1 shadow entry (${m.isPe ? 'PE' : 'flat'}), no digest`);
      return;
    }
    if (m.fileName !== undefined) lines.push(`      File:   ${m.fileName}`);
    if (m.digest) lines.push(`      Hash:   ${m.hashAlgorithm?.toUpperCase() ?? '?'} ${hex(m.digest)}`);
    lines.push(`      Kind:   ${m.isPe === undefined ? 'unknown' : m.isPe ? `PE image (Authenticode hash${m.pageHashes ? ', page hashes' : ''})` : 'flat file'}`);
    for (const a of m.attributes) if (a.name.toLowerCase() !== 'file') lines.push(`      ${`${a.name}:`.padEnd(7)} ${a.value}`);
  });
  return `${lines.join('\n')}\n`;
}

/**
 * The catalog's signature, checked for integrity: the signed content's digest
 * and the signer's signature over it. Trust (which root) is left to signtool
 * verify, which takes the trusted certificates.
 */
function checkSignature(info: CatalogInfo): { status: 'ok' | 'unsigned' | 'failed'; message: string; signer?: string } {
  if (!info.signed) return { status: 'unsigned', message: 'The catalog is not signed.' };
  const result = verifyCatalogSignature(info, { trusted: info.signedData.certificates });
  const signer = result.signer?.subject;
  if (result.ok || result.status === 'untrusted-root') return { status: 'ok', message: 'The signature matches the catalog content.', ...(signer ? { signer } : {}) };
  return { status: 'failed', message: result.message, ...(signer ? { signer } : {}) };
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    ctx.io.stdout(catalogHelp());
    return sub === undefined ? LintExit.usage : LintExit.ok;
  }
  if (sub !== 'dump' && sub !== 'verify') throw new UsageError(`catalog: unknown subcommand "${sub}"; use dump or verify`);
  const o = parseCatalogArgs(sub, rest);
  if ('help' in o) {
    ctx.io.stdout(o.help);
    return LintExit.ok;
  }
  if (!o.file) throw new UsageError(`catalog ${sub}: give the catalog file, e.g. wdksim catalog ${sub} driver.cat${sub === 'verify' ? ' --package .' : ''}`);
  const info = await load(ctx, o.file);
  if (sub === 'dump') {
    if (o.pkg) throw new UsageError('catalog dump: --package belongs to "catalog verify"');
    ctx.io.stdout(o.json ? `${JSON.stringify(catalogJson(o.file, info), null, 2)}\n` : dumpText(o.file, info));
    return LintExit.ok;
  }
  if (!o.pkg) throw new UsageError('catalog verify: give the package folder with --package DIR');
  const dir = resolve(ctx.io.cwd, o.pkg);
  try {
    if (!(await stat(dir)).isDirectory()) throw new InputError(`${o.pkg}: is not a folder; --package needs the package folder`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(describeFsError(error, o.pkg));
  }
  const signature = checkSignature(info);
  const entries = await verifyPackageAgainstCatalog(info, dir);
  const count = (s: string) => entries.filter((e) => e.status === s).length;
  const bad = entries.some((e) => e.status !== 'match') || signature.status === 'failed';
  if (o.json) {
    ctx.io.stdout(
      `${JSON.stringify(
        {
          catalog: o.file,
          package: o.pkg,
          ok: !bad,
          signature,
          entries: entries.map((e) => ({
            status: e.status,
            name: e.name,
            file: e.file ?? null,
            hashAlgorithm: e.member?.hashAlgorithm ?? null,
            expected: hex(e.member?.digest) ?? null,
            actual: hex(e.computed) ?? null,
            kind: e.isPe === undefined ? null : e.isPe ? 'pe' : 'flat',
          })),
        } satisfies CatalogVerifyJson,
        null,
        2,
      )}\n`,
    );
    return bad ? LintExit.errors : LintExit.ok;
  }
  const label = { match: 'OK', mismatch: 'MISMATCH', missing: 'MISSING', extra: 'EXTRA' } as const;
  const lines = entries.map((e) => {
    const head = `${label[e.status].padEnd(9)} ${e.status === 'extra' ? e.name : e.file && e.file !== e.name ? `${e.name} (${e.file})` : e.name}`;
    if (e.status === 'mismatch')
      return `${head}\n          catalog ${e.member!.hashAlgorithm?.toUpperCase()} ${hex(e.member!.digest)}\n          file    ${e.member!.hashAlgorithm?.toUpperCase()} ${hex(e.computed)}`;
    if (e.status === 'extra') return `${head}  (not in the catalog)`;
    if (e.status === 'missing') return `${head}  (no such file in the package)`;
    return head;
  });
  lines.unshift(
    `Signature: ${signature.status === 'unsigned' ? 'none (unsigned catalog)' : signature.status === 'ok' ? `intact (signed by ${signature.signer}; whether the signer is trusted is signtool verify's question)` : `FAILED: ${signature.message}`}`,
    '',
  );
  const members = entries.length - count('extra');
  lines.push('', `${o.file}: ${members} member(s): ${count('match')} matching, ${count('mismatch')} mismatching, ${count('missing')} missing; ${count('extra')} extra file(s)`);
  ctx.io.stdout(`${lines.join('\n')}\n`);
  return bad ? LintExit.errors : LintExit.ok;
}
