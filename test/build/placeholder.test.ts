// Placeholder binaries: valid PE images per architecture, marked, signable,
// and hashed as PE (Authenticode) by the catalog code.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestCertificate, loadSigningIdentity, peLayout, peChecksum, signPe } from '../../src/catalog/index.js';
import { isPlaceholderBinary, makePlaceholderBinary } from '../../src/build/placeholder.js';
import { tempDir } from '../helpers/cli.js';
import { hasOracle, skipNote } from '../helpers/oracles.js';

const OSSLSIGNCODE = hasOracle('osslsigncode');

const cases = [
  { arch: 'amd64', machine: 0x8664, magic: 0x20b },
  { arch: 'arm64', machine: 0xaa64, magic: 0x20b },
  { arch: 'x86', machine: 0x014c, magic: 0x10b },
  { arch: 'arm', machine: 0x01c4, magic: 0x10b },
] as const;

describe('placeholder binaries', () => {
  for (const c of cases) {
    it(`${c.arch}: Machine, PE magic, subsystem, checksum, marker; signs and verifies with osslsigncode${skipNote('osslsigncode')}`, () => {
      const sys = makePlaceholderBinary('Drv.sys', c.arch);
      const pe = sys.readUInt32LE(0x3c);
      expect(sys.readUInt16LE(pe + 4)).toBe(c.machine);
      expect(sys.readUInt16LE(pe + 24)).toBe(c.magic);
      expect(sys.readUInt16LE(pe + 24 + 68)).toBe(1); // native
      expect(sys.readUInt32LE(pe + 24 + 64)).toBe(peChecksum(sys, pe + 24 + 64));
      expect(peLayout(sys, sys.length)?.pe32plus).toBe(c.magic === 0x20b);
      expect(isPlaceholderBinary(sys)).toBe(true);
      const dll = makePlaceholderBinary('Drv.dll', c.arch);
      expect(dll.readUInt16LE(pe + 24 + 68)).toBe(2);
      expect(dll.readUInt16LE(pe + 22) & 0x2000).toBe(0x2000);

      const dir = tempDir();
      const cert = createTestCertificate({ subject: 'CN=WDKTestCert test,1', days: 30, now: new Date() });
      writeFileSync(join(dir, 'c.pem'), cert.certPem);
      writeFileSync(join(dir, 'd.sys'), signPe(sys, loadSigningIdentity(cert.pfx), { digest: 'sha256' }));
      if (OSSLSIGNCODE) execFileSync('osslsigncode', ['verify', '-in', join(dir, 'd.sys'), '-CAfile', join(dir, 'c.pem')], { stdio: 'pipe' });
    });
  }

  it('a compiled driver is not taken for a placeholder', () => {
    expect(isPlaceholderBinary(Buffer.from('MZ real driver bytes'))).toBe(false);
  });
});
