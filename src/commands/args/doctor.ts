// `wdksim doctor` options (commander; see ./gnu.ts).
import { Option } from 'commander';
import * as z from 'zod';
import { allDoctorRules } from '../../doctor/index.js';
import { exitCodeTables } from '../../exit-codes.js';
import { gnuProgram, lowerOptionNames, nonEmpty, parseGnu, zodValue } from './gnu.js';

export interface DoctorArgs {
  help?: string;
  format?: string;
  outputFile?: string;
  maxWarnings?: number;
  paths: string[];
}

const missing = (flag: string) => `${flag} needs a value; see "wdksim doctor --help"`;

function program() {
  const rules = allDoctorRules()
    .map((r) => `  ${r.id}  ${r.name.padEnd(30)} ${r.levels.default.padEnd(7)} ${r.summary}`)
    .join('\n');
  return gnuProgram('wdksim doctor')
    .description(
      `Reads driver projects (.vcxproj with the .props they import, wdksim.json),
their INF/INX files and the package folders they build, and reports each
known packaging pitfall with its evidence (file and line), why it fails and
the one-line fix. A DIR is searched for projects; where it holds none, its
INF/INX files are checked as packages. Default: the current folder.`,
    )
    .argument('[paths...]', 'PROJECT (.vcxproj, wdksim.json), DIR or INF/INX')
    .addOption(new Option('--format <name>', 'stylish (terminal default), text, json, sarif, github').argParser((v: string) => nonEmpty(missing, '--format')(v).toLowerCase()))
    .addOption(new Option('--output-file <file>', 'write the report to FILE (atomically) instead of stdout').argParser(nonEmpty(missing, '--output-file')))
    .addOption(
      new Option('--max-warnings <n>', 'exit 1 when there are more than N warnings').argParser((v: string) =>
        zodValue(z.string().regex(/^\d+$/).transform(Number), (x) => `--max-warnings takes a non-negative whole number, not "${x}"`)(nonEmpty(missing, '--max-warnings')(v)),
      ),
    )
    .addHelpText('after', `\nRules (docs/doctor.md):\n${rules}\n\n${exitCodeTables.lint}`);
}

export function parseDoctorArgs(argv: readonly string[]): DoctorArgs {
  const end = argv.indexOf('--');
  if ((end === -1 ? argv : argv.slice(0, end)).includes('/?')) return { help: helpOf(), paths: [] };
  const parsed = parseGnu(program(), lowerOptionNames(argv), {
    unknown: (arg) => `unknown option "${arg}"; see "wdksim doctor --help"`,
    missing,
  });
  if (parsed.help !== undefined) return { help: parsed.help, paths: [] };
  const o = parsed.opts as { format?: string; outputFile?: string; maxWarnings?: number };
  return {
    paths: parsed.args,
    ...(o.format !== undefined ? { format: o.format } : {}),
    ...(o.outputFile !== undefined ? { outputFile: o.outputFile } : {}),
    ...(o.maxWarnings !== undefined ? { maxWarnings: o.maxWarnings } : {}),
  };
}

function helpOf(): string {
  const parsed = parseGnu(program(), ['--help'], { unknown: String, missing: String });
  return parsed.help ?? '';
}
