// wdksim doctor [PROJECT|DIR|INF ...]: finds the known driver-packaging
// pitfalls (rules 9100-9199, docs/doctor.md) and reports them in infverif's
// formats. Parses argv, calls src/doctor, formats through src/report.
import { resolve } from 'node:path';
import { Chalk } from 'chalk';
import writeFileAtomic from 'write-file-atomic';
import { UsageError, WdksimError, describeFsError } from '../errors.js';
import { LintExit, exitCodeTables } from '../exit-codes.js';
import type { Context } from '../io.js';
import { allDoctorRules, runDoctor, withFixInMessage } from '../doctor/index.js';
import { counts, formatters } from '../report/index.js';

import { VERSION } from '../version.js';

function help(): string {
  const rules = allDoctorRules().map((r) => `  ${r.id}  ${r.name.padEnd(30)} ${r.levels.default.padEnd(7)} ${r.summary}`).join('\n');
  return `Usage: wdksim doctor [PROJECT|DIR|INF ...] [--format stylish|text|json|sarif|github] [--output-file FILE]

Reads driver projects (.vcxproj with the .props they import, wdksim.json),
their INF/INX files and the package folders they build, and reports each
known packaging pitfall with its evidence (file and line), why it fails and
the one-line fix. A DIR is searched for projects; where it holds none, its
INF/INX files are checked as packages. Default: the current folder.

  --format NAME        stylish (terminal default), text, json, sarif, github
  --output-file FILE   write the report to FILE (atomically) instead of stdout
  --max-warnings N     exit 1 when there are more than N warnings

Rules (docs/doctor.md):
${rules}

${exitCodeTables.lint}
`;
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  let format: string | undefined;
  let outputFile: string | undefined;
  let maxWarnings: number | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help' || arg === '/?') {
      ctx.io.stdout(help());
      return LintExit.ok;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = (eq === -1 ? arg.slice(2) : arg.slice(2, eq)).toLowerCase();
      const take = (): string => {
        const v = eq === -1 ? argv[++i] : arg.slice(eq + 1);
        if (v === undefined || v === '') throw new UsageError(`--${name} needs a value; see "wdksim doctor --help"`);
        return v;
      };
      switch (name) {
        case 'format': format = take().toLowerCase(); break;
        case 'output-file': outputFile = take(); break;
        case 'max-warnings': {
          const v = take();
          if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings takes a non-negative whole number, not "${v}"`);
          maxWarnings = Number(v);
          break;
        }
        default: throw new UsageError(`unknown option "${arg}"; see "wdksim doctor --help"`);
      }
      continue;
    }
    paths.push(arg);
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
      await writeFileAtomic(out, report);
    } catch (error) {
      throw new WdksimError(describeFsError(error, outputFile), LintExit.usage);
    }
  } else {
    ctx.io.stdout(report);
  }
  const { errors, warnings } = counts(result.files);
  if (chosen === 'text' || chosen === 'stylish') {
    if (!result.inputs.length) ctx.io.stderr(`doctor: found no driver project (.vcxproj, wdksim.json) or INF/INX in ${paths.length ? paths.join(', ') : 'the current folder'}; nothing checked.\n`);
    else if (!errors && !warnings) ctx.io.stderr(`doctor: no known pitfalls in ${result.inputs.length} project(s)/INF(s) checked.\n`);
  }
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? LintExit.errors : LintExit.ok;
}
