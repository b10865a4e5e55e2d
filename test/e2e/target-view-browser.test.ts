// The HTML report and diff open in headless Chromium (Debian's chromium,
// driven by playwright-core) from file:// with no console errors, no network
// requests, no scripts, and show the installed device. Skips, saying why,
// only when Chromium is missing (.ci/run installs it; test/helpers/oracles.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasOracle, oraclePath, skipNote } from '../helpers/oracles.js';
import { deployedMachine, HWID } from './target-view-setup.js';

const HAVE_CHROMIUM = hasOracle('chromium');
const CHROMIUM = oraclePath('chromium') ?? 'chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function openPage(file: string): Promise<{ text: string; errors: string[]; requests: string[]; scripts: number; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'wdksim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('request', (req) => {
    if (!req.url().startsWith('file:')) requests.push(req.url());
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const text = await page.innerText('body');
  const scripts = await page.locator('script').count();
  return {
    text,
    errors,
    requests,
    scripts,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

describe.skipIf(!HAVE_CHROMIUM)(`HTML views in headless Chromium${skipNote('chromium')}`, () => {
  it('report and diff pages load cleanly and show the installed device', { timeout: 90000 }, async () => {
    const m = await deployedMachine();
    await m.ok(['devcon', 'install', 'target/DriverTest/Drivers/KmdfHelloWorld.inf', HWID]);
    await m.ok(['target', 'report', '--html', 'report.html']);
    await m.ok(['target', 'diff', '--since', 'deployed', '--html', 'diff.html']);

    const report = await openPage(join(m.base, 'report.html'));
    try {
      expect(report.errors).toEqual([]);
      expect(report.requests).toEqual([]);
      expect(report.scripts).toBe(0);
      expect(report.text).toContain('KmdfHelloWorld Device');
      expect(report.text).toContain('ROOT\\SAMPLE\\0000');
      expect(report.text).toContain('oem0.inf (kmdfhelloworld.inf)');
      expect(report.text).toMatch(/Test signing\s+On/);
    } finally {
      await report.close();
    }
    const diff = await openPage(join(m.base, 'diff.html'));
    try {
      expect(diff.errors).toEqual([]);
      expect(diff.requests).toEqual([]);
      expect(diff.text).toContain('ROOT\\SAMPLE\\0000');
      expect(diff.text).toContain('Windows/INF/oem0.inf');
    } finally {
      await diff.close();
    }
  });
});
