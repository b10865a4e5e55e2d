// `wdksim catalog dump|verify` as a process.
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCatalog, createTestCertificate, loadSigningIdentity, makeMinimalPe, signCatalog } from '../../src/catalog/index.js';
import { tempDir, wdksim, REPO_ROOT } from '../helpers/cli.js';

async function pkg() {
  const dir = tempDir();
  writeFileSync(join(dir, 'toaster.sys'), makeMinimalPe({ size: 1029 }));
  writeFileSync(join(dir, 'Toaster.inf'), '[Version]\r\nSignature="$Windows NT$"\r\n');
  const cat = await createCatalog({
    members: ['toaster.sys', 'Toaster.inf'].map((name) => ({ name, path: join(dir, name) })),
    osAttr: '2:10.0',
    catalogAttributes: [
      { name: 'OS', value: '_v100_X64' },
      { name: 'HWID1', value: 'root\\toaster' },
    ],
    version: 2,
    now: new Date('2026-11-25T12:00:00Z'),
  });
  writeFileSync(join(dir, 'toaster.cat'), cat);
  return dir;
}

describe('wdksim catalog dump', () => {
  it('lists version, attributes and members (text and --json)', async () => {
    const dir = await pkg();
    const r = await wdksim(['catalog', 'dump', 'toaster.cat'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Version:         2 (SHA-256 members)');
    expect(r.stdout).toContain('Effective date:  2026-11-25 12:00:00 UTC');
    expect(r.stdout).toContain('HWID1 = root\\toaster');
    expect(r.stdout).toContain('File:   toaster.inf');
    expect(r.stdout).toContain('Kind:   PE image (Authenticode hash)');
    expect(r.stdout).toContain('Signature:       none (unsigned catalog)');
    const json = JSON.parse((await wdksim(['catalog', 'dump', 'toaster.cat', '--json'], { cwd: dir })).stdout);
    const inf = json.members.find((m: { fileName: string; shadow: boolean }) => m.fileName === 'toaster.inf' && !m.shadow);
    const sha = createHash('sha256').update('[Version]\r\nSignature="$Windows NT$"\r\n').digest('hex').toUpperCase();
    expect(inf).toMatchObject({ hashAlgorithm: 'sha256', digest: sha, kind: 'flat', tag: sha });
    expect(json.members.filter((m: { shadow: boolean }) => m.shadow)).toHaveLength(2);
  });

  it("reads Windows MakeCat's catalog", async () => {
    const r = await wdksim(['catalog', 'dump', join(REPO_ROOT, 'fixtures/catalog/wine-makecat-v1.cat'), '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.members[0]).toMatchObject({ tag: 'hashme', digest: 'EDD69C9CB2FCAA03E8D320F6AB28C3FFBD0736F5', kind: 'flat' });
  });

  it('rejects a file that is not a catalog with exit 2 and one line', async () => {
    const dir = await pkg();
    const r = await wdksim(['catalog', 'dump', 'Toaster.inf'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('Toaster.inf');
  });
});

describe('wdksim catalog verify', () => {
  it('passes on an unchanged package and reports mismatch, missing and extra files with exit 1', async () => {
    const dir = await pkg();
    const ok = await wdksim(['catalog', 'verify', 'toaster.cat', '--package', '.'], { cwd: dir });
    expect(ok.exitCode, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^OK\s+toaster\.inf \(Toaster\.inf\)$/m);
    expect(ok.stdout).toContain('2 matching, 0 mismatching, 0 missing; 0 extra');
    writeFileSync(join(dir, 'Toaster.inf'), '[Version]\r\n; changed\r\n');
    unlinkSync(join(dir, 'toaster.sys'));
    writeFileSync(join(dir, 'readme.txt'), 'hi');
    writeFileSync(join(dir, 'package.cer'), 'signing material is not a member');
    const bad = await wdksim(['catalog', 'verify', 'toaster.cat', '--package', '.', '--json'], { cwd: dir });
    expect(bad.exitCode).toBe(1);
    const statuses = JSON.parse(bad.stdout)
      .entries.map((e: { status: string; name: string }) => `${e.status}:${e.name}`)
      .sort();
    expect(statuses).toEqual(['extra:readme.txt', 'mismatch:toaster.inf', 'missing:toaster.sys']);
  });
});

describe('wdksim catalog verify: signature and members by digest (issue 15)', () => {
  async function signedPkg() {
    const dir = await pkg();
    const cert = createTestCertificate({ subject: 'CN=WDKTestCert test,1', days: 30, now: new Date('2026-11-25T00:00:00Z') });
    const signed = signCatalog(readFileSync(join(dir, 'toaster.cat')), loadSigningIdentity(cert.pfx, ''), { digest: 'sha256' });
    writeFileSync(join(dir, 'toaster.cat'), signed);
    return { dir, signed };
  }

  it('passes a signed, unchanged catalog and fails one with a changed byte in its body', async () => {
    const { dir, signed } = await signedPkg();
    const ok = await wdksim(['catalog', 'verify', 'toaster.cat', '--package', '.'], { cwd: dir });
    expect(ok.exitCode, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/^Signature: intact \(signed by .*WDKTestCert test,1/);
    // One byte of a member's File name ("toaster.inf" → "toaster.inF"), inside the signed content.
    const at = signed.indexOf(Buffer.from('toaster.inf', 'utf16le'));
    expect(at).toBeGreaterThan(0);
    const changed = Buffer.from(signed);
    changed[at + 20] = 'F'.charCodeAt(0);
    writeFileSync(join(dir, 'toaster.cat'), changed);
    const bad = await wdksim(['catalog', 'verify', 'toaster.cat', '--package', '.', '--json'], { cwd: dir });
    expect(bad.exitCode).toBe(1);
    const json = JSON.parse(bad.stdout);
    expect(json.signature.status).toBe('failed');
    expect(json.entries.every((e: { status: string }) => e.status === 'match')).toBe(true);
  });

  it('matches a member by digest when CopyFiles renamed it (File = the destination name)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'helper64.dll'), makeMinimalPe({ size: 1037, dll: true }));
    const cat = await createCatalog({
      members: [{ name: 'helper.dll', path: join(dir, 'helper64.dll') }],
      osAttr: '2:10.0',
      catalogAttributes: [],
      version: 2,
      now: new Date('2026-11-25T12:00:00Z'),
    });
    writeFileSync(join(dir, 'r.cat'), cat);
    const r = await wdksim(['catalog', 'verify', 'r.cat', '--package', '.'], { cwd: dir });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.stdout).toContain('OK        helper.dll (helper64.dll)');
    expect(r.stdout).toContain('1 member(s): 1 matching, 0 mismatching, 0 missing; 0 extra file(s)');
  });
});
