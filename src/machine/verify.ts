// `target verify`: the consistency check. Every file the state vouches for
// exists with its recorded SHA-256, every driver store entry is complete, and
// every published oemN.inf in Windows\INF maps to a store entry (and back).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INF_DIR, STORE_DIR } from './layout.js';
import { readState, sha256, type Target } from './target.js';

export interface VerifyResult {
  problems: string[];
  checkedFiles: number;
  packages: number;
}

async function hashOf(root: string, rel: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(join(root, ...rel.split('/'))));
  } catch {
    return undefined;
  }
}

export async function verifyTarget(target: Target): Promise<VerifyResult> {
  return target.withLock(async () => {
    const state = await readState(target.root);
    const problems: string[] = [];
    let checkedFiles = 0;
    const check = async (rel: string, expected: string, what: string) => {
      checkedFiles++;
      const actual = await hashOf(target.root, rel);
      if (actual === undefined) problems.push(`${rel}: missing (${what})`);
      else if (actual !== expected) problems.push(`${rel}: content changed (${what}; SHA-256 ${actual.slice(0, 16)}..., recorded ${expected.slice(0, 16)}...)`);
    };
    for (const pkg of state.packages) {
      if (pkg.inbox) continue;
      for (const f of pkg.files) await check(`${STORE_DIR}/${pkg.storeFolder}/${f.path}`, f.sha256, `driver store entry of ${pkg.publishedName}`);
    }
    for (const f of state.files) await check(f.path, f.sha256, 'recorded by the target state');
    let infFiles: string[] = [];
    try {
      infFiles = await readdir(join(target.root, ...INF_DIR.split('/')));
    } catch {
      problems.push(`${INF_DIR}: missing`);
    }
    const published = new Set(state.packages.map((p) => p.publishedName.toLowerCase()));
    for (const name of infFiles) {
      if (/^oem\d+\.inf$/i.test(name) && !published.has(name.toLowerCase())) problems.push(`${INF_DIR}/${name}: published INF with no driver store entry`);
    }
    const present = new Set(infFiles.map((n) => n.toLowerCase()));
    for (const pkg of state.packages) {
      if (!pkg.inbox && !present.has(pkg.publishedName.toLowerCase())) problems.push(`${INF_DIR}/${pkg.publishedName}: missing (driver store entry ${pkg.storeFolder})`);
    }
    let storeDirs: string[] = [];
    try {
      storeDirs = await readdir(join(target.root, ...STORE_DIR.split('/')));
    } catch {
      storeDirs = [];
    }
    const folders = new Set(state.packages.map((p) => p.storeFolder.toLowerCase()));
    for (const dir of storeDirs) if (!folders.has(dir.toLowerCase())) problems.push(`${STORE_DIR}/${dir}: driver store folder that no package owns`);
    return { problems, checkedFiles, packages: state.packages.length };
  });
}
