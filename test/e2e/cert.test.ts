// `wdksim cert new` as a process: files written, openssl reads them, defaults, refusals.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir, wdksim } from '../helpers/cli.js';
import { hasOracle, skipNote } from '../helpers/oracles.js';

describe('wdksim cert new', () => {
  it.skipIf(!hasOracle('openssl'))(`writes NAME.cer (DER) and NAME.pfx (empty password) with the given subject and validity${skipNote('openssl')}`, async () => {
    const dir = tempDir();
    const r = await wdksim(['--now', '2026-11-25T12:00:00Z', 'cert', 'new', '--subject', 'CN=WDKTestCert alice,133', '--out', 'certs', '--days', '30', '--name', 'test'], {
      cwd: dir,
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Created test certificate: WDKTestCert alice,133');
    const cer = join(dir, 'certs', 'test.cer');
    const text = execFileSync('openssl', ['x509', '-inform', 'DER', '-in', cer, '-noout', '-subject', '-dates', '-ext', 'extendedKeyUsage'], { encoding: 'utf8' });
    expect(text).toMatch(/subject=CN\s*=\s*"WDKTestCert alice,133"/);
    expect(text).toContain('notBefore=Nov 25 12:00:00 2026 GMT');
    expect(text).toContain('notAfter=Dec 25 12:00:00 2026 GMT');
    expect(text).toContain('Code Signing');
    const pfx = execFileSync('openssl', ['pkcs12', '-in', join(dir, 'certs', 'test.pfx'), '-passin', 'pass:', '-nodes'], { encoding: 'utf8' });
    expect(pfx).toContain('PRIVATE KEY');
  });

  it("defaults to Visual Studio's WDKTestCert <user>,<number> subject and makecert's 2039 end date", async () => {
    const dir = tempDir();
    const r = await wdksim(['--now', '2026-11-25T12:00:00Z', 'cert', 'new', '--pem'], { cwd: dir, env: { USER: 'bob', USERNAME: '' } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Created test certificate: WDKTestCert bob,\d{18}/);
    expect(r.stdout).toContain('to 2039-12-31 23:59:59 UTC');
    for (const f of ['WDKTestCert.cer', 'WDKTestCert.pfx', 'WDKTestCert.pem']) expect(existsSync(join(dir, f))).toBe(true);
    expect(readFileSync(join(dir, 'WDKTestCert.pem'), 'utf8')).toMatch(/PRIVATE KEY[\s\S]*CERTIFICATE/);
  });

  it('refuses to overwrite without --force, and rejects bad arguments with exit 2', async () => {
    const dir = tempDir();
    expect((await wdksim(['cert', 'new', '--days', '2'], { cwd: dir })).exitCode).toBe(0);
    const again = await wdksim(['cert', 'new', '--days', '2'], { cwd: dir });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/already exists; pass --force/);
    expect((await wdksim(['cert', 'new', '--days', '2', '--force'], { cwd: dir })).exitCode).toBe(0);
    const bad = await wdksim(['cert', 'new', '--days', 'soon'], { cwd: dir });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--days');
    expect((await wdksim(['cert', 'old'], { cwd: dir })).exitCode).toBe(2);
    expect((await wdksim(['cert', 'new', '--subject', 'nonsense'], { cwd: dir })).stderr).toMatch(/distinguished name/);
  });
});
