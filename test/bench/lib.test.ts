// The benchmark helpers that every suite relies on for peak memory and for
// "skipped: <reason>" rows: a step runs in a child process, reports its own
// seconds and the process's peak RSS, and a failure comes back as its message.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs helper without type declarations
import { growthCurves, measureCommand, runStep } from '../../bench/lib.mjs';

const FIXTURE = new URL('./steps.fixture.mjs', import.meta.url);
const MiB = 2 ** 20;

describe('bench runStep', () => {
  it('returns the result, what was emitted, and a peak RSS that grows with what the step holds', () => {
    const small = runStep(FIXTURE, 'grow', { chunks: 1, mib: 1 });
    const big = runStep(FIXTURE, 'grow', { chunks: 4, mib: 50 });
    expect(small.result).toEqual({ chunks: 1, hasLibrary: true });
    expect(big.emitted.map((e: { i: number }) => e.i)).toEqual([0, 1, 2, 3]);
    expect(big.emitted[3].peakRss).toBeGreaterThanOrEqual(big.emitted[0].peakRss);
    expect(big.peakRss - small.peakRss).toBeGreaterThan(150 * MiB);
    expect(big.seconds).toBeGreaterThan(0);
  }, 30000);

  it("throws the step's own message when it fails", () => {
    expect(() => runStep(FIXTURE, 'fail')).toThrow('the engine is not ready');
  }, 30000);
});

describe('bench measureCommand', () => {
  it('times a process and reads its peak RSS', () => {
    const r = measureCommand(process.execPath, ['-e', 'globalThis.k = Buffer.alloc(80 * 2 ** 20, 1)']);
    expect(r.status).toBe(0);
    expect(r.seconds).toBeGreaterThan(0);
    if (r.peakRss !== undefined) expect(r.peakRss).toBeGreaterThan(80 * MiB);
  }, 30000);
});

describe('bench growthCurves', () => {
  it("prints each size's cost against the smallest, and the peer's own curve when it is measured at each size", () => {
    const rows = [
      { suite: 'a', benchmark: 'infverif DIR', scale: 1380, scaleUnit: 'INF files', seconds: 8, baseline: 'ini', baselineSeconds: 4 },
      { suite: 'a', benchmark: 'infverif DIR', scale: 138, scaleUnit: 'INF files', seconds: 1, baseline: 'ini', baselineSeconds: 0.5 },
      { suite: 'a', benchmark: 'infverif DIR', scale: 13800, scaleUnit: 'INF files', seconds: 75, baseline: 'ini', baselineSeconds: 40 },
      { suite: 't', benchmark: 'install', scale: 1, scaleUnit: 'packages', seconds: 1, baseline: 'same at N = 1', baselineSeconds: 1 },
      { suite: 't', benchmark: 'install', scale: 10000, scaleUnit: 'packages', seconds: 1.25, baseline: 'same at N = 1', baselineSeconds: 1 },
      { suite: 't', benchmark: 'one size only', scale: 5, seconds: 1, baseline: 'x', baselineSeconds: 1 },
      { suite: 't', benchmark: 'install', scale: 100, skipped: 'no disk' },
    ];
    expect(growthCurves(rows)).toEqual([
      '- infverif DIR (INF files): 138 -> 1.00x, 1,380 (10x) -> 8.00x, 13,800 (100x) -> 75.0x; ini: 1.00x, 8.00x, 80.0x',
      '- install (packages): 1 -> 1.00x, 10,000 (10000x) -> 1.25x',
    ]);
  });
});
