// diffCaptures on hand-made changes to a provisioned machine's capture: each
// kind of change lands in its section, registry names compare without case,
// and the text/HTML renderings carry them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/io.js';
import { findOs } from '../../src/machine/os.js';
import { provisionTarget } from '../../src/machine/provision.js';
import { buildReport, captureTarget, diffCaptures, formatDiffHtml, formatDiffText, formatReportHtml, isEmptyDiff, type Capture } from '../../src/view/index.js';
import { editDevice } from '../../src/machine/device-json.js';

let base: string;
let before: Capture;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'wdksim-view-'));
  const root = join(base, 'target');
  await provisionTarget(root, memoryContext({ now: '2026-11-25T12:00:00Z', env: { TZ: 'UTC' } }), { os: findOs('win11-23h2')!, arch: 'amd64', testsigning: true });
  before = await captureTarget(root, 'before', '2026-11-25T12:00:00.000Z');
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function changed(edit: (c: Capture) => void): Capture {
  const after = structuredClone(before);
  after.label = 'after';
  edit(after);
  return after;
}

describe('diffCaptures', () => {
  it('a capture compared with itself is empty', () => {
    const d = diffCaptures(before, before);
    expect(isEmptyDiff(d)).toBe(true);
    expect(formatDiffText(d)).toContain('No changes.');
  });

  it('registry: key and value names compare without case; changes, additions and removals', () => {
    const cv = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
    const after = changed((c) => {
      const values = c.state.registry[cv]!.values;
      delete c.state.registry[cv];
      c.state.registry[cv.toUpperCase()] = {
        values: { ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v])), CurrentBuild: { type: 'REG_SZ', data: '99999' } },
      };
      c.state.registry['HKEY_LOCAL_MACHINE\\SOFTWARE\\Widget'] = { values: { Enabled: { type: 'REG_DWORD', data: 1 } } };
    });
    const d = diffCaptures(before, after);
    expect(d.registry.keysAdded.map((k) => k.key)).toEqual(['HKEY_LOCAL_MACHINE\\SOFTWARE\\Widget']);
    expect(d.registry.keysRemoved).toEqual([]);
    expect(d.registry.valuesAdded).toEqual([]);
    expect(d.registry.valuesChanged).toHaveLength(1);
    expect(d.registry.valuesChanged[0]).toMatchObject({ name: 'CurrentBuild', before: { data: '22631' }, after: { data: '99999' } });
    expect(formatDiffText(d)).toMatch(/~ HKEY_LOCAL_MACHINE\\SOFTWARE\\MICROSOFT\\WINDOWS NT\\CURRENTVERSION\n {6}CurrentBuild: REG_SZ 22631 -> REG_SZ 99999/);
  });

  it('devices, driver store, boot settings and files', () => {
    const after = changed((c) => {
      const dev = editDevice(c.state.devices[0]!);
      dev.disabled = true;
      const removedPkg = c.state.packages.pop()!;
      c.state.boot.testsigning = false;
      c.files.push({ path: 'Windows/System32/drivers/widget.sys', size: 3, sha256: 'a'.repeat(64) });
      c.files[0] = { ...c.files[0]!, sha256: 'b'.repeat(64) };
      void removedPkg;
    });
    const d = diffCaptures(before, after);
    expect(d.devices.changed).toHaveLength(1);
    expect(d.devices.changed[0]!.changes).toContainEqual({ field: 'status', before: 'running', after: 'disabled (code 22)' });
    expect(d.driverStore.removed.map((p) => p.publishedName)).toEqual([before.state.packages.at(-1)!.publishedName]);
    expect(d.boot).toEqual([{ field: 'testsigning', before: 'true', after: 'false' }]);
    expect(d.files.added.map((f) => f.path)).toEqual(['Windows/System32/drivers/widget.sys']);
    expect(d.files.changed.map((f) => f.path)).toEqual([before.files[0]!.path]);
    const html = formatDiffHtml(d);
    expect(html).toContain('Windows/System32/drivers/widget.sys');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/i);
  });
});

describe('report HTML', () => {
  it('escapes what the machine holds and stays self-contained', () => {
    const after = changed((c) => {
      const dev = editDevice(c.state.devices[0]!);
      dev.description = '<b>Evil & "device"</b>';
      dev.problem = 28;
    });
    const html = formatReportHtml(buildReport(after.state));
    expect(html).toContain('&lt;b&gt;Evil &amp; &quot;device&quot;&lt;/b&gt;');
    expect(html).not.toContain('<b>Evil');
    expect(html).toMatch(/problem code 28 \(CM_PROB_FAILED_INSTALL\)/);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|src=/i);
  });
});
