// wdksim target snapshot|diff|report: views over the simulated machine's
// history. Parses argv, calls src/view, writes text/JSON to stdout and HTML
// to the named file (atomically). Domain logic lives in src/view.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TargetError, UsageError, describeFsError } from '../errors.js';
import type { Context } from '../io.js';
import { openTarget, resolveTargetDir, STATE_FILE } from '../machine/index.js';
import {
  buildReport,
  captureTarget,
  diffCaptures,
  formatDiffHtml,
  formatDiffText,
  formatReportHtml,
  formatReportText,
  isEmptyDiff,
  loadSnapshot,
  takeSnapshot,
  type Capture,
} from '../view/index.js';
import { writeUserFile } from '../fs/host-write.js';
import { parseTargetViewArgs } from './args/target-view.js';

async function isTargetDir(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, STATE_FILE))).isFile();
  } catch {
    return false;
  }
}

/** A target directory (holding wdksim-state.json) or a snapshot name of the current target. */
async function resolveSide(arg: string, ctx: Context): Promise<Capture> {
  const dir = resolve(ctx.io.cwd, arg);
  if (await isTargetDir(dir)) {
    const target = await openTarget(dir, ctx);
    return target.withLock(() => captureTarget(target.root, `target ${arg}`, ctx.clock.now().toISOString()));
  }
  if (/[\\/]/.test(arg)) throw new TargetError(`${arg}: not a target directory (no ${STATE_FILE}); name a target created with wdksim target init, or a snapshot`);
  const root = resolveTargetDir(ctx);
  if (!(await isTargetDir(root)))
    throw new TargetError(`${arg}: neither a target directory nor a snapshot (no target machine at ${root}); pass two target directories or use --target`);
  return loadSnapshot(root, arg);
}

async function writeHtml(file: string, html: string, ctx: Context): Promise<void> {
  if (file === '-') {
    ctx.io.stdout(html);
    return;
  }
  const path = resolve(ctx.io.cwd, file);
  try {
    await writeUserFile(path, html);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${describeFsError(error, path)}`);
  }
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const sub = (argv[0] ?? '').toLowerCase();
  if (sub !== 'snapshot' && sub !== 'diff' && sub !== 'report') throw new UsageError(`wdksim target: unknown view "${argv[0] ?? ''}"`);
  const opts = parseTargetViewArgs(sub, argv.slice(1));
  if ('help' in opts) {
    ctx.io.stdout(opts.help);
    return 0;
  }
  if (sub === 'snapshot') {
    if (opts.positional.length !== 1 || opts.html || opts.since) throw new UsageError('usage: wdksim target snapshot NAME [--force] [--json]');
    const name = opts.positional[0]!;
    const target = await openTarget(ctx);
    const capture = await takeSnapshot(target, name, { force: opts.force });
    if (opts.json) ctx.io.stdout(JSON.stringify({ name, target: target.root, takenAt: capture.takenAt, files: capture.files.length }, null, 2) + '\n');
    else
      ctx.io.stdout(
        `Snapshot "${name}" of ${target.root} taken at ${capture.takenAt} (${capture.files.length} files, ${capture.state.devices.length} devices, ${capture.state.packages.length} driver packages).\nCompare with: wdksim target diff --since ${name}\n`,
      );
    return 0;
  }
  if (sub === 'diff') {
    let before: Capture;
    let after: Capture;
    if (opts.since !== undefined) {
      if (opts.positional.length > 0) throw new UsageError('wdksim target diff: give either --since SNAPSHOT or BEFORE AFTER, not both');
      const target = await openTarget(ctx);
      before = await loadSnapshot(target.root, opts.since);
      after = await target.withLock(() => captureTarget(target.root, `target ${target.root} now`, ctx.clock.now().toISOString()));
    } else {
      if (opts.positional.length !== 2) throw new UsageError('usage: wdksim target diff BEFORE AFTER | --since SNAPSHOT (see wdksim target diff --help)');
      before = await resolveSide(opts.positional[0]!, ctx);
      after = await resolveSide(opts.positional[1]!, ctx);
    }
    const diff = diffCaptures(before, after);
    if (opts.html) await writeHtml(opts.html, formatDiffHtml(diff), ctx);
    if (opts.json) ctx.io.stdout(JSON.stringify(diff, null, 2) + '\n');
    else if (opts.html !== '-') ctx.io.stdout(formatDiffText(diff));
    return opts.exitCode && !isEmptyDiff(diff) ? 1 : 0;
  }
  // report
  if (opts.positional.length || opts.since) throw new UsageError('usage: wdksim target report [--json] [--html FILE]');
  const target = await openTarget(ctx);
  const report = buildReport(await target.read());
  if (opts.html) await writeHtml(opts.html, formatReportHtml(report), ctx);
  if (opts.json) ctx.io.stdout(JSON.stringify(report, null, 2) + '\n');
  else if (opts.html === undefined) ctx.io.stdout(formatReportText(report));
  else if (opts.html !== '-') ctx.io.stdout(`Report of ${target.root} written to ${opts.html}\n`);
  return 0;
}
