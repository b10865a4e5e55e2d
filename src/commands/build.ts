// `wdksim build`: a driver project's packaging steps as the WDK's MSBuild
// targets run them (StampInf, test signing, package folder, Inf2Cat, catalog
// signing), with the project's own settings. Logic lives in src/build and
// src/project; this parses the command line and prints.
import { resolve } from 'node:path';
import { runBuild } from '../build/index.js';
import { showPath } from '../build/display.js';
import { formatExplain } from '../build/explain.js';
import { BuildExit } from '../exit-codes.js';
import { parseBuildArgs } from './args/build.js';
import type { Context } from '../io.js';
import { readProject } from '../project/index.js';

export async function run(argv: string[], ctx: Context): Promise<number> {
  const args = parseBuildArgs(argv);
  if (args.help !== undefined) {
    ctx.io.stdout(args.help);
    return BuildExit.ok;
  }
  const settings = readProject(resolve(ctx.io.cwd, args.project), {
    ...(args.configuration ? { configuration: args.configuration } : {}),
    ...(args.platform ? { platform: args.platform } : {}),
    env: ctx.io.env,
    clock: ctx.clock,
  });
  if (args.explain && !args.json) ctx.io.stdout(formatExplain(settings, (p) => showPath(p, ctx.io.cwd)));
  const result = await runBuild(settings, {
    clock: ctx.clock,
    env: ctx.io.env,
    cwd: ctx.io.cwd,
    placeholderBinaries: args.placeholders,
    ...(args.out ? { packageDir: resolve(ctx.io.cwd, args.out) } : {}),
    write: args.json ? () => {} : ctx.io.stdout,
    // The failing step's error is printed once, on stderr, where the log would have it.
    writeError: ctx.io.stderr,
  });
  if (args.json) ctx.io.stdout(`${JSON.stringify(args.explain ? { ...result, explain: settings.provenance } : result, null, 2)}\n`);
  return result.success ? BuildExit.ok : BuildExit.failed;
}
