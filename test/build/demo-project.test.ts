// The demo's embedded project must be the fixture, byte for byte, and the
// fixture must be what the tutorial describes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoProjectFiles } from '../../src/build/demo-project.js';
import { writeDemoProject } from '../../src/build/demo-setup.js';
import { parseInf } from '../../src/inf/parse.js';
import { readProject } from '../../src/project/index.js';
import { REPO_ROOT, tempDir } from '../helpers/cli.js';

const FIXTURE = join(REPO_ROOT, 'fixtures', 'demo', 'KmdfHelloWorld');

describe('demo project', () => {
  it('src/build/demo-project.ts embeds fixtures/demo/KmdfHelloWorld exactly (regenerate it when the fixture changes)', () => {
    expect(demoProjectFiles.map((f) => f.name).sort()).toEqual(readdirSync(FIXTURE).sort());
    for (const file of demoProjectFiles) expect(file.text, file.name).toBe(readFileSync(join(FIXTURE, file.name), 'utf8'));
  });

  it('the INX names Root\\KmdfHelloWorld under [Standard.NT$ARCH$] and KMDF $KMDFVERSION$', () => {
    const doc = parseInf(readFileSync(join(FIXTURE, 'KmdfHelloWorld.inx')));
    const models = doc.section('Standard.NT$ARCH$');
    expect(models?.entries[0]?.fields.map((f) => f.trim())).toEqual(['KmdfHelloWorld_Device', 'Root\\KmdfHelloWorld']);
    expect(doc.section('KmdfHelloWorld_wdfsect')?.value('KmdfLibraryVersion')).toBe('$KMDFVERSION$');
  });

  it('writeDemoProject applies the tutorial tip (Inf2Cat Use Local Time) and nothing else', async () => {
    const dir = tempDir();
    const project = await writeDemoProject(dir, { useLocalTime: true });
    expect(readProject(project).inf2cat.useLocalTime).toBe(true);
    const plain = await writeDemoProject(join(dir, 'plain'), { useLocalTime: false });
    expect(readFileSync(join(plain, 'KmdfHelloWorld.vcxproj'), 'utf8')).toBe(readFileSync(join(FIXTURE, 'KmdfHelloWorld.vcxproj'), 'utf8'));
    expect(readProject(plain).inf2cat.useLocalTime).toBe(false);
  });
});
