// wdksim doctor [PROJECT|DIR|INF ...]: finds the known driver-packaging
// pitfalls (rules 9100-9199, docs/doctor.md) and reports them in infverif's
// formats. Parses argv, calls src/doctor, formats through src/report.
import { resolve } from 'node:path';
import { Chalk } from 'chalk';
import { UsageError, WdksimError, describeFsError } from '../errors.js';
import { LintExit } from '../exit-codes.js';
import type { Context } from '../io.js';
import { runDoctor, withFixInMessage } from '../doctor/index.js';
import { parseDoctorArgs } from './args/doctor.js';
import { counts, formatters } from '../report/index.js';

import { VERSION } from '../version.js';
import { writeUserFile } from '../fs/host-write.js';

export async function run(argv: string[], ctx: Context): Promise<number> {
  const { help, format, outputFile, maxWarnings, paths } = parseDoctorArgs(argv);
  if (help !== undefined) {
    ctx.io.stdout(help);
    return LintExit.ok;
  }
  const chosen = format ?? (ctx.io.stdoutIsTTY && !outputFile ? 'stylish' : 'text');
  const formatter = formatters[chosen];
  if (!formatter) throw new UsageError(`unknown --format "${chosen}"; use one of ${Object.keys(formatters).join(', ')}`);

  const result = runDoctor(paths, { cwd: ctx.io.cwd, clock: ctx.clock, env: ctx.io.env });
  const report = formatter({
    files: chosen === 'text' || chosen === 'sarif' ? withFixInMessage(result.files) : result.files,
    rules: result.rules,
    cwd: ctx.io.cwd,
    chalk: new Chalk({ level: ctx.color && !outputFile ? 1 : 0 }),
    tool: { name: 'wdksim doctor', version: VERSION },
    mode: 'default',
    verbose: false,
  });
  if (outputFile !== undefined) {
    const out = resolve(ctx.io.cwd, outputFile);
    try {
      await writeUserFile(out, report);
    } catch (error) {
      throw new WdksimError(describeFsError(error, outputFile), LintExit.usage);
    }
  } else {
    ctx.io.stdout(report);
  }
  const { errors, warnings } = counts(result.files);
  if (chosen === 'text' || chosen === 'stylish') {
    if (!result.inputs.length)
      ctx.io.stderr(`doctor: found no driver project (.vcxproj, wdksim.json) or INF/INX in ${paths.length ? paths.join(', ') : 'the current folder'}; nothing checked.\n`);
    else if (!errors && !warnings) ctx.io.stderr(`doctor: no known pitfalls in ${result.inputs.length} project(s)/INF(s) checked.\n`);
  }
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? LintExit.errors : LintExit.ok;
}
