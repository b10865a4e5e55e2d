// `wdksim infverif [/w|/u|/k|/h] [/stampinf] [/v] [--format NAME] <file.inf|dir|->...`
// InfVerif's own switch grammar (case-insensitive, `/x` or `-x`) plus the
// linter options every CI wants. Parses argv, reads the INFs, calls
// validate() and a formatter, and returns the exit code.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Chalk } from 'chalk';
import writeFileAtomic from 'write-file-atomic';
import { InputError, UsageError, WdksimError, describeFsError } from '../errors.js';
import { exitCodeTables, LintExit } from '../exit-codes.js';
import type { Context } from '../io.js';
import { parseInfBytesChecked, readInfFile } from '../inf/parse.js';
import { formatters, type FileReport } from '../report/index.js';
import { infRules, ruleById } from '../rules/index.js';
import { RULE_CRASHED } from '../rules/engine.js';
import type { Mode, RuleMeta } from '../rules/types.js';
import { validateDocument } from '../rules/validate.js';

import { VERSION } from '../version.js';
import { tokenizeSwitches, type SwitchTable } from '../switches.js';

export interface InfVerifOptions {
  mode: Mode;
  stampinf: boolean;
  verbose: boolean;
  format?: string;
  outputFile?: string;
  maxWarnings?: number;
  code?: string;
  help: boolean;
  inputs: string[];
}

const HELP = `Usage: wdksim infverif [/w | /u | /k | /h] [/stampinf] [/v] [options] <file.inf | dir | -> ...

Validates INF files with InfVerif's rules and error codes.

Modes (one at a time; switches are case-insensitive and take / or -):
  (none)      basic validation; mode-specific findings are warnings
  /k          declarative driver requirements
  /u          universal driver requirements
  /w          Windows Driver requirements (declarative + driver package isolation)
  /h          hardware certification (WHQL) requirements of this release
  /stampinf   validate an unstamped INX: $ARCH$ and an empty DriverVer are expected
  /v          verbose: InfVerif's header lines and a VALID / NOT VALID verdict per INF
  /code N     print what error code N means and exit

Inputs: INF/INX files, directories (searched recursively for *.inf and *.inx),
or - for standard input.

Options:
  --format NAME        stylish (default on a terminal), text (InfVerif's console
                       format; default otherwise), json, sarif, github
  --output-file PATH   write the report to PATH (atomically) instead of stdout
  --max-warnings N     fail (exit 1) when there are more than N warnings
  --help, /?           print this help

${exitCodeTables.lint}
`;

// InfVerif's switches (/ or -, case-insensitive) and wdksim's --options. Switches InfVerif
// has that wdksim does not act on are accepted and reported as ignored.
const SWITCHES: SwitchTable = {
  switches: {
    '?': {}, w: {}, u: {}, k: {}, h: {}, stampinf: {}, v: {}, info: {},
    code: { value: 'next' }, rulever: { value: 'next' }, wbuild: { value: 'next' }, l: { value: 'next' },
    osver: { value: 'next' }, product: { value: 'next' }, provider: { value: 'next' },
  },
  long: { help: {}, format: { value: true }, 'output-file': { value: true }, 'max-warnings': { value: true }, stampinf: {}, verbose: {} },
  // The whole word after / or - is the switch name; an absolute POSIX path is an input.
  switchShape: /^[/-](.+)$/s,
  isWord: (arg) => arg.startsWith('/') && arg.slice(1).includes('/'),
  doubleDash: true,
};
const IGNORED = new Set(['rulever', 'wbuild', 'osver', 'l', 'product', 'provider', 'info']);

export function parseArgs(argv: string[]): InfVerifOptions & { ignored: string[] } {
  const opts: InfVerifOptions & { ignored: string[] } = { mode: 'default', stampinf: false, verbose: false, help: false, inputs: [], ignored: [] };
  let modeSwitch: string | undefined;
  for (const token of tokenizeSwitches(argv, SWITCHES)) {
    const arg = token.raw;
    if (token.kind === 'word') {
      opts.inputs.push(arg);
    } else if (token.kind === 'missing-value') {
      throw new UsageError(token.long ? `--${token.name} needs a value; see "wdksim infverif --help"` : `/${token.name} needs a value`);
    } else if (token.kind === 'unknown') {
      if (arg.startsWith('--')) throw new UsageError(`unknown option "${arg}"; see "wdksim infverif --help"`);
      if (arg.startsWith('/') && /[\\.]/.test(arg)) opts.inputs.push(arg); // e.g. /tmp.inf given as a path
      else throw new UsageError(`unknown switch "${arg}"; see "wdksim infverif --help"`);
    } else if (token.kind === 'long') {
      switch (token.name) {
        case 'help': opts.help = true; break;
        case 'format': opts.format = token.value!.toLowerCase(); break;
        case 'output-file': opts.outputFile = token.value!; break;
        case 'max-warnings': {
          const v = token.value!;
          if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings takes a non-negative whole number, not "${v}"`);
          opts.maxWarnings = Number(v);
          break;
        }
        case 'stampinf': opts.stampinf = true; break;
        case 'verbose': opts.verbose = true; break;
      }
    } else {
      const name = token.name;
      if (name === '?') {
        opts.help = true;
      } else if (name === 'w' || name === 'u' || name === 'k' || name === 'h') {
        if (modeSwitch && modeSwitch !== name) throw new UsageError(`only one mode at a time: /${modeSwitch} and /${name} were both given`);
        modeSwitch = name;
        opts.mode = name;
      } else if (name === 'stampinf') {
        opts.stampinf = true;
      } else if (name === 'v') {
        opts.verbose = true;
      } else if (name === 'code') {
        opts.code = token.value;
      } else if (IGNORED.has(name)) {
        opts.ignored.push(`/${name}`);
      }
    }
  }
  return opts;
}

function describeCode(rule: RuleMeta): string {
  const l = rule.levels;
  return [
    `Code ${rule.id} (${rule.name})`,
    '',
    `Message: ${rule.summary}`,
    `Fix: ${rule.fix}`,
    `Levels: (none): ${l.default}; /k: ${l.k}; /u: ${l.u}; /w: ${l.w}; /h: ${l.h}`,
    `Docs: ${rule.docsUrl}`,
    '',
  ].join('\n');
}

/** Case-insensitive `*`/`?` match of the last path component (InfVerif accepts wildcards). */
async function expandWildcard(path: string, cwd: string): Promise<string[]> {
  const dir = dirname(path);
  const pattern = new RegExp(`^${basename(path).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  try {
    const names = await readdir(resolve(cwd, dir));
    return names.filter((n) => pattern.test(n)).sort().map((n) => join(dir, n));
  } catch {
    return [];
  }
}

async function walk(dir: string, cwd: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(resolve(cwd, dir), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p, cwd)));
    else if (e.isFile() && /\.in[fx]$/i.test(e.name)) out.push(p);
  }
  return out;
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const opts = parseArgs(argv);
  if (opts.help) {
    ctx.io.stdout(HELP);
    return LintExit.ok;
  }
  if (opts.code !== undefined) {
    const rule = ruleById(opts.code.trim());
    if (!rule) throw new UsageError(`unknown InfVerif code "${opts.code}"; run "wdksim infverif --help"`);
    ctx.io.stdout(describeCode(rule));
    return LintExit.ok;
  }
  if (opts.inputs.length === 0) throw new UsageError('no INF file given; usage: wdksim infverif [/w|/u|/k|/h] [/stampinf] <file.inf|dir|->...');
  const format = opts.format ?? (ctx.io.stdoutIsTTY && !opts.outputFile ? 'stylish' : 'text');
  const formatter = formatters[format];
  if (!formatter) throw new UsageError(`unknown --format "${format}"; use one of ${Object.keys(formatters).join(', ')}`);
  for (const s of opts.ignored) ctx.io.stderr(`wdksim infverif: ${s} is accepted for compatibility and has no effect here\n`);

  const cwd = ctx.io.cwd;
  const files: FileReport[] = [];
  let inputFailed = false;
  const fail = (message: string): void => {
    inputFailed = true;
    ctx.io.stderr(`wdksim infverif: ${message}\n`);
  };
  // Resolve the inputs to a list of files, in the order given.
  const targets: string[] = [];
  for (const input of opts.inputs) {
    if (input === '-') {
      targets.push('-');
      continue;
    }
    if (/[*?]/.test(basename(input))) {
      const matched = await expandWildcard(input, cwd);
      if (matched.length === 0) fail(`no INF file matches ${input} (InfVerif 1000: INF not found)`);
      targets.push(...matched);
      continue;
    }
    try {
      const info = await stat(resolve(cwd, input));
      if (info.isDirectory()) {
        const found = await walk(input, cwd);
        if (found.length === 0) fail(`${input}: directory holds no *.inf or *.inx file`);
        targets.push(...found);
      } else {
        targets.push(input);
      }
    } catch (error) {
      fail(`${describeFsError(error, input)} (InfVerif 1000: INF not found)`);
    }
  }
  for (const target of targets) {
    try {
      const doc = target === '-'
        ? parseInfBytesChecked(await ctx.io.readStdin(), { file: '<stdin>' })
        : await readInfFile(resolve(cwd, target), { file: target });
      const result = validateDocument(doc, { mode: opts.mode, stampinf: opts.stampinf });
      files.push({
        file: target === '-' ? '<stdin>' : target,
        ...(target === '-' ? {} : { absolute: resolve(cwd, target) }),
        diagnostics: result.diagnostics,
        lineText: (n) => doc.lineText(n),
      });
    } catch (error) {
      if (error instanceof InputError) fail(error.message);
      else throw error;
    }
  }

  // An INX is a template stampinf fills in: point at the switch that validates it as it is.
  const inx = opts.stampinf ? [] : files.filter((f) => /\.inx$/i.test(f.file) && f.diagnostics.length > 0).map((f) => f.file);
  if (inx.length > 0) {
    const shown = inx.length === 1 ? `${inx[0]!} is an INX file (a template` : `${inx.length} INX files (${inx[0]!} and more) are templates`;
    ctx.io.stderr(`wdksim infverif: ${shown} stampinf has not filled in yet): pass /stampinf to validate it as it is (wdksim infverif /stampinf ${inx[0]!}), or validate the INF that wdksim stampinf writes from it\n`);
  }

  const rules = new Map<string, RuleMeta>(infRules.map((r) => [r.id, r]));
  const toFile = opts.outputFile !== undefined;
  const report = formatter({
    files, rules, cwd,
    chalk: new Chalk({ level: ctx.color && !toFile ? 1 : 0 }),
    tool: { name: 'wdksim infverif', version: VERSION },
    mode: opts.mode,
    verbose: opts.verbose,
  });
  if (toFile) {
    const out = resolve(cwd, opts.outputFile!);
    try {
      await writeFileAtomic(out, report);
    } catch (error) {
      throw new WdksimError(describeFsError(error, opts.outputFile!), LintExit.usage);
    }
  } else {
    ctx.io.stdout(report);
  }

  if (inputFailed) return LintExit.usage;
  const all = files.flatMap((f) => f.diagnostics);
  if (all.some((d) => d.code === RULE_CRASHED)) return LintExit.usage;
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.filter((d) => d.severity === 'warning').length;
  if (errors > 0) return LintExit.errors;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    ctx.io.stderr(`wdksim infverif: ${warnings} warnings, more than --max-warnings ${opts.maxWarnings}\n`);
    return LintExit.errors;
  }
  return LintExit.ok;
}
