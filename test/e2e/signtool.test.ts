// `wdksim signtool sign|verify` as a process: signtool's grammar, output and
// exit codes; osslsigncode accepts what it signs.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalog, makeMinimalPe } from '../../src/catalog/index.js';
import { hasOracle, run, skipNote } from '../catalog/helpers.js';

const OSSLSIGNCODE = hasOracle('osslsigncode');
import { certificateRecord } from '../../src/machine/certs.js';
import { tempDir, wdksim } from '../helpers/cli.js';

const NOW = ['--now', '2026-11-25T12:00:00Z'];

async function setup() {
  const dir = tempDir();
  expect((await wdksim([...NOW, 'cert', 'new', '--subject', 'CN=WDKTestCert ci,1', '--pem', '--name', 'test'], { cwd: dir })).exitCode).toBe(0);
  writeFileSync(join(dir, 'driver.sys'), makeMinimalPe({ size: 1029 }));
  writeFileSync(join(dir, 'driver.inf'), '[Version]\r\nSignature="$Windows NT$"\r\n');
  const cat = await createCatalog({
    members: ['driver.sys', 'driver.inf'].map((name) => ({ name, path: join(dir, name) })),
    osAttr: '2:10.0',
    catalogAttributes: [{ name: 'OS', value: '_v100_X64' }],
    version: 1,
    now: new Date('2026-11-25T12:00:00Z'),
  });
  writeFileSync(join(dir, 'driver.cat'), cat);
  return dir;
}

describe('wdksim signtool sign', () => {
  it(`signs a catalog and a PE file, printing signtool lines; osslsigncode accepts both${skipNote('osslsigncode')}`, async () => {
    const dir = await setup();
    copyFileSync(join(dir, 'driver.sys'), join(dir, 'embedded.sys'));
    const r = await wdksim(['signtool', 'sign', '/fd', 'sha256', '/f', 'test.pfx', 'driver.cat', 'embedded.sys'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      'Done Adding Additional Store\nSuccessfully signed: driver.cat\nSuccessfully signed: embedded.sys\n\nNumber of files successfully Signed: 2\nNumber of warnings: 0\nNumber of errors: 0\n',
    );
    if (!OSSLSIGNCODE) return;
    for (const args of [
      ['-in', 'driver.cat'],
      ['-in', 'embedded.sys'],
      ['-in', 'driver.sys', '-catalog', 'driver.cat'],
    ]) {
      const v = run('osslsigncode', ['verify', ...args.map((a) => (a.includes('.') ? join(dir, a) : a)), '-CAfile', join(dir, 'test.pem')]);
      expect(v.code, `${args.join(' ')}\n${v.stdout}${v.stderr}`).toBe(0);
    }
  });

  it('accepts -switches in any case and a PEM with key and certificate in place of the PFX', async () => {
    const dir = await setup();
    const r = await wdksim(['signtool', 'SIGN', '-FD', 'SHA1', '-F', 'test.pem', 'driver.sys'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Successfully signed: driver.sys');
  });

  it('fails with signtool messages: wrong password, unknown format, missing file, bad switch', async () => {
    const dir = await setup();
    const pw = await wdksim(['signtool', 'sign', '/fd', 'sha256', '/f', 'test.pfx', '/p', 'nope', 'driver.sys'], { cwd: dir });
    expect(pw.exitCode).toBe(1);
    expect(pw.stderr).toContain('SignTool Error: The specified PFX password is not correct.');
    const fmt = await wdksim(['signtool', 'sign', '/fd', 'sha256', '/f', 'test.pfx', 'driver.inf', 'driver.sys'], { cwd: dir });
    expect(fmt.exitCode).toBe(1);
    expect(fmt.stderr).toContain('SignTool Error: This file format cannot be signed because it is not recognized.');
    expect(fmt.stdout).toContain('Successfully signed: driver.sys');
    expect(fmt.stdout).toContain('Number of files successfully Signed: 1');
    expect(fmt.stdout).toContain('Number of errors: 1');
    const missing = await wdksim(['signtool', 'sign', '/fd', 'sha256', '/f', 'test.pfx', 'absent.sys'], { cwd: dir });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('SignTool Error: File not found: absent.sys');
    const bad = await wdksim(['signtool', 'sign', '/zz', 'driver.sys'], { cwd: dir });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('SignTool Error: Invalid option: /zz');
    expect((await wdksim(['signtool'], { cwd: dir })).exitCode).toBe(1);
  });
});

describe('wdksim signtool sign options', () => {
  it(`/ph adds page hashes osslsigncode checks; /tr signs without a timestamp and exits 2 (warning)${skipNote('osslsigncode')}`, async () => {
    const dir = await setup();
    const r = await wdksim(['signtool', 'sign', '/fd', 'sha256', '/ph', '/tr', 'http://timestamp.example', '/td', 'sha256', '/f', 'test.pfx', 'driver.sys'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('SignTool Warning: timestamping is not available');
    expect(r.stdout).toContain('Successfully signed: driver.sys');
    expect(r.stdout).toContain('Number of warnings: 1');
    if (!OSSLSIGNCODE) return;
    const v = run('osslsigncode', ['verify', '-in', join(dir, 'driver.sys'), '-CAfile', join(dir, 'test.pem')]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toContain('Page hash algorithm  : SHA256');
  });
});

describe('wdksim signtool verify', () => {
  it('verifies an embedded signature and a catalog member with /ca, fails without trust or after a change', async () => {
    const dir = await setup();
    expect((await wdksim(['signtool', 'sign', '/fd', 'sha256', '/f', 'test.pfx', 'driver.cat'], { cwd: dir })).exitCode).toBe(0);
    const ok = await wdksim([...NOW, 'signtool', 'verify', '/pa', '/c', 'driver.cat', '/ca', 'test.cer', 'driver.sys'], { cwd: dir });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Successfully verified: driver.sys');
    const env = await wdksim([...NOW, 'signtool', 'verify', '/pa', '/v', 'driver.cat'], { cwd: dir, env: { WDKSIM_TRUSTED_CERTS: join(dir, 'test.cer') } });
    expect(env.exitCode, env.stderr).toBe(0);
    expect(env.stdout).toContain('Issued to: WDKTestCert ci,1');
    expect(env.stdout).toContain('Number of files successfully Verified: 1');
    const untrusted = await wdksim([...NOW, 'signtool', 'verify', '/pa', 'driver.cat'], { cwd: dir });
    expect(untrusted.exitCode).toBe(1);
    expect(untrusted.stderr).toContain('terminated in a root');
    const bytes = readFileSync(join(dir, 'driver.sys'));
    bytes[0x200] = bytes[0x200]! ^ 0xff;
    writeFileSync(join(dir, 'driver.sys'), bytes);
    const changed = await wdksim([...NOW, 'signtool', 'verify', '/pa', '/c', 'driver.cat', '/ca', 'test.cer', 'driver.sys'], { cwd: dir });
    expect(changed.exitCode).toBe(1);
    expect(changed.stderr).toMatch(/SignTool Error: .*not in the specified catalog/);
  });

  it('reports an unsigned PE as "No signature found." and detects a changed signed PE', async () => {
    const dir = await setup();
    const none = await wdksim(['signtool', 'verify', '/pa', '/ca', 'test.cer', 'driver.sys'], { cwd: dir });
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toContain('SignTool Error: No signature found.');
    expect((await wdksim(['signtool', 'sign', '/fd', 'sha256', '/f', 'test.pfx', 'driver.sys'], { cwd: dir })).exitCode).toBe(0);
    expect((await wdksim([...NOW, 'signtool', 'verify', '/pa', '/ca', 'test.cer', 'driver.sys'], { cwd: dir })).exitCode).toBe(0);
    const bytes = readFileSync(join(dir, 'driver.sys'));
    bytes[0x201] = bytes[0x201]! ^ 0xff;
    writeFileSync(join(dir, 'driver.sys'), bytes);
    const changed = await wdksim([...NOW, 'signtool', 'verify', '/pa', '/ca', 'test.cer', 'driver.sys'], { cwd: dir });
    expect(changed.exitCode).toBe(1);
    expect(changed.stderr).toContain('The digital signature of the object did not verify.');
  });

  it("trusts the certificates in the simulated target's Root store", async () => {
    const dir = await setup();
    expect((await wdksim(['signtool', 'sign', '/fd', 'sha256', '/f', 'test.pfx', 'driver.cat'], { cwd: dir })).exitCode).toBe(0);
    expect((await wdksim(['--target', 'T', 'target', 'init'], { cwd: dir })).exitCode).toBe(0);
    const before = await wdksim([...NOW, '--target', 'T', 'signtool', 'verify', '/pa', 'driver.cat'], { cwd: dir });
    expect(before.exitCode).toBe(1);
    const statePath = join(dir, 'T', 'wdksim-state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    state.certificates.Root.push(certificateRecord(readFileSync(join(dir, 'test.cer')), 'test.cer'));
    writeFileSync(statePath, JSON.stringify(state, null, 2));
    const after = await wdksim([...NOW, '--target', 'T', 'signtool', 'verify', '/pa', 'driver.cat'], { cwd: dir });
    expect(after.exitCode, after.stderr).toBe(0);
    expect(after.stdout).toContain('Successfully verified: driver.cat');
  });

  it('with /a finds the catalog beside an unsigned file', async () => {
    const dir = await setup();
    expect((await wdksim(['signtool', 'sign', '/fd', 'sha256', '/f', 'test.pfx', 'driver.cat'], { cwd: dir })).exitCode).toBe(0);
    const r = await wdksim([...NOW, 'signtool', 'verify', '/a', '/pa', '/v', '/ca', 'test.cer', 'driver.inf'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('File is signed in catalog:');
  });
});
