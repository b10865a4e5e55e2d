// An oracle for catalog members that shares no code with wdksim: the members
// are read from `openssl asn1parse` output, PE digests come from osslsigncode
// (verify -catalog over a copy of the catalog that osslsigncode itself signed),
// flat-file digests from node:crypto over the file's bytes.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasOracle } from './oracles.js';

export interface OracleMember {
  /** The member's digest (SPC_INDIRECT_DATA), upper-case hex. */
  digest: string;
  /** The `File` attribute. */
  file?: string;
}

export interface OracleCatalog {
  members: OracleMember[];
  /** Catalog attributes by name (OS, HWIDn), in stored order. */
  attributes: { name: string; value: string }[];
}

const utf16 = (hex: string): string => Buffer.from(hex, 'hex').toString('utf16le').replace(/\0+$/, '');

/** One DER TLV: tag, content start and end. */
function tlv(buf: Buffer, at: number): { tag: number; start: number; end: number } {
  const tag = buf[at]!;
  let len = buf[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let k = 0; k < n; k++) len = len * 256 + buf[start + k]!;
    start += n;
  }
  return { tag, start, end: start + len };
}

/** A CatNameValue: SEQUENCE { BMPString name, INTEGER flags, OCTET STRING value (UTF-16LE) }. */
function nameValue(der: Buffer): { name: string; value: string } {
  const seq = tlv(der, 0);
  const name = tlv(der, seq.start);
  const flags = tlv(der, name.end);
  const value = tlv(der, flags.end);
  return {
    name: Buffer.from(der.subarray(name.start, name.end)).swap16().toString('utf16le'),
    value: der.subarray(value.start, value.end).toString('utf16le').replace(/\0+$/, ''),
  };
}

/**
 * Members of a catalog from `openssl asn1parse`: each d=7 SEQUENCE of the
 * trustedSubjects list is a member; a BMPString of 8 bytes names `File`; the
 * OCTET STRING after a sha1/sha256 OBJECT is the digest. Shadow entries (no
 * digest) are left out.
 */
export function readCatalogWithOpenssl(file: string): OracleCatalog {
  const lines = execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', file], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n');
  const depth = (l: string) => Number(/d=(\d+)/.exec(l)?.[1] ?? -1);
  const members: OracleMember[] = [];
  const attributes: { name: string; value: string }[] = [];
  let inSubjects = false;
  let current: (OracleMember & { wantFile?: boolean; wantDigest?: boolean }) | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const d = depth(l);
    if (!inSubjects && d === 6 && /cons: SEQUENCE/.test(l) && /d=7 .*cons: SEQUENCE/.test(lines[i + 1] ?? '') && /d=8 .*OCTET STRING/.test(lines[i + 2] ?? '')) {
      inSubjects = true;
      continue;
    }
    if (inSubjects && d <= 6 && d >= 0) {
      inSubjects = false;
      if (current?.digest) members.push({ digest: current.digest, ...(current.file !== undefined ? { file: current.file } : {}) });
      current = undefined;
    }
    if (inSubjects) {
      if (d === 7 && /cons: SEQUENCE/.test(l)) {
        if (current?.digest) members.push({ digest: current.digest, ...(current.file !== undefined ? { file: current.file } : {}) });
        current = { digest: '' };
      } else if (current && /BMPSTRING/.test(l)) current.wantFile = /l= *8 /.test(l);
      else if (current?.wantFile && /OCTET STRING/.test(l)) {
        current.file = utf16(/HEX DUMP\]:([0-9A-F]*)/.exec(l)?.[1] ?? '');
        current.wantFile = false;
      } else if (current && /OBJECT +:(sha1|sha256)$/.test(l.trim())) current.wantDigest = true;
      else if (current?.wantDigest && /OCTET STRING/.test(l)) {
        current.digest = /HEX DUMP\]:([0-9A-F]*)/.exec(l)?.[1] ?? '';
        current.wantDigest = false;
      }
      continue;
    }
    // Catalog attributes (ctlExtensions): OBJECT 1.3.6.1.4.1.311.12.2.1, then an
    // OCTET STRING holding the CatNameValue SEQUENCE { BMPString name, INTEGER flags, OCTET STRING value }.
    if (/:1\.3\.6\.1\.4\.1\.311\.12\.2\.1$/.test(l.trim())) {
      const hex = /HEX DUMP\]:([0-9A-F]*)/.exec(lines[i + 1] ?? '')?.[1];
      if (hex) attributes.push(nameValue(Buffer.from(hex, 'hex')));
    }
  }
  return { members, attributes };
}

/** Both oracles are there (test/helpers/oracles.ts: skip with a reason, or fail under WDKSIM_REQUIRE_ORACLES=1). */
export function hasOracleTools(): boolean {
  return [hasOracle('osslsigncode'), hasOracle('openssl')].every(Boolean);
}

/** Signs a copy of the catalog with osslsigncode and a throw-away openssl certificate. */
export function osslsignedCopy(catalog: string, work: string): { signed: string; ca: string } {
  const key = join(work, 'oracle-key.pem');
  const ca = join(work, 'oracle-cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', ca, '-subj', '/CN=wdksim oracle', '-days', '2', '-addext', 'extendedKeyUsage=codeSigning'],
    { stdio: 'ignore' },
  );
  const signed = join(work, `oracle-${Date.now()}-${Math.random().toString(16).slice(2)}.cat`);
  execFileSync('osslsigncode', ['sign', '-certs', ca, '-key', key, '-in', catalog, '-out', signed], { stdio: 'ignore' });
  return { signed, ca };
}

/** The digest osslsigncode finds for a PE file in the catalog; undefined when it is not a member. */
export function osslsigncodeMemberDigest(signed: string, ca: string, file: string): string | undefined {
  const r = spawnSync('osslsigncode', ['verify', '-catalog', signed, '-in', file, '-CAfile', ca], { encoding: 'utf8' });
  const out = `${r.stdout}${r.stderr}`;
  const current = /Current message digest\s*:\s*([0-9A-F]+)/.exec(out)?.[1];
  const calculated = /Calculated message digest\s*:\s*([0-9A-F]+)/.exec(out)?.[1];
  return r.status === 0 && current && current === calculated ? current : undefined;
}

/** A flat file's digest in the catalog's algorithm. */
export function flatDigest(file: string, algorithm: 'sha1' | 'sha256'): string {
  return createHash(algorithm).update(readFileSync(file)).digest('hex').toUpperCase();
}
