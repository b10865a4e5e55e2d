// Every test's temporary folders go under one folder per run, removed when the
// run ends: tests make targets and packages with mkdtemp(tmpdir()), and the CLI
// children they start inherit TMPDIR, so nothing a run makes is left in the
// system's temporary folder (a full `npm test` made some 100 folders there).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'wdksim-test-'));
  // Open to other users as the system's folder is: some tests run the CLI as an unprivileged user.
  chmodSync(root, 0o755);
  process.env.TMPDIR = root;
  return () => {
    // A WDKSIM_KEEP_TEMP run keeps them to look at.
    if (!process.env.WDKSIM_KEEP_TEMP) rmSync(root, { recursive: true, force: true });
  };
}
