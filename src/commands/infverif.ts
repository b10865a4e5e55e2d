// `wdksim infverif [/w|/u|/k|/h] [/stampinf] [/v] [--format NAME] <file.inf|dir|->...`
// InfVerif's own switch grammar (case-insensitive, `/x` or `-x`) plus the
// linter options every CI wants. Parses argv, reads the INFs, calls
// validate() and a formatter, and returns the exit code.
import { readdirSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Chalk } from 'chalk';
import { UsageError, WdksimError, describeFsError, environmentError } from '../errors.js';
import { EarlyWorkers, validateTargets, type BatchOptions } from './infverif-batch.js';
import { poolSettings } from './infverif-pool.js';
import { exitCodeTables, LintExit } from '../exit-codes.js';
import type { Context } from '../io.js';
import { formatters, streamFormatters, type FileReport } from '../report/index.js';
import { infRules, ruleById } from '../rules/index.js';
import { RULE_CRASHED } from '../rules/engine.js';
import type { Mode, RuleMeta } from '../rules/types.js';
import { KITS, NEWEST_KIT, resolveKit, type Kit } from '../rules/kits.js';
import { KIT_SWITCHES, kitHasSwitch, kitsWithSwitch, kitSwitch } from '../rules/kit-switches.js';
import { describeRule, kitHasRule, listRules } from '../rules/listing.js';
import { infSummary, verboseBanner } from '../rules/banner.js';

import { VERSION } from '../version.js';
import { tokenizeSwitches, type SwitchTable } from '../switches.js';
import { writeUserFile } from '../fs/host-write.js';
import { yieldToSignals } from '../signals.js';

export interface InfVerifOptions {
  mode: Mode;
  /** /stampinf given; otherwise an unstamped build INF is checked as stamped unless --as-is. */
  stampinf: boolean;
  asIs: boolean;
  verbose: boolean;
  format?: string;
  outputFile?: string;
  /** --sarif-output: also write SARIF to this file from the same run. */
  sarifOutput?: string;
  maxWarnings?: number;
  code?: string;
  help: boolean;
  listRules: boolean;
  /** --wdk / /wdk: the kit to be (default the newest). */
  wdk?: string;
  /** /rulever: the rules of another release ("vnext" = the newest). */
  rulever?: string;
  osver?: string;
  info: boolean;
  msft: boolean;
  /** /sw<code> */
  suppress: string[];
  /** InfVerif switches given, in order, with their values (checked against the kit in run()). */
  switches: { name: string; raw: string; value?: string }[];
  inputs: string[];
}

const HELP = `Usage: wdksim infverif [/w | /u | /k | /h] [/stampinf] [/v] [--wdk VERSION] [options] <file.inf | dir | -> ...

Validates INF files with the rules and error codes of InfVerif of one WDK
(--wdk 10.0.19041, 10.0.22621, 10.0.26100...; default the newest, ${NEWEST_KIT.version}).

Modes (one at a time; switches are case-insensitive and take / or -):
  (none)      basic validation; mode-specific findings are warnings
  /k          declarative driver requirements
  /u          universal driver requirements
  /w          Windows Driver requirements (declarative + driver package isolation)
  /h          hardware certification (WHQL) requirements (WDK 10.0.26100 on)
  /stampinf   validate an unstamped INX: $ARCH$ and an empty DriverVer are expected
  /v          verbose: InfVerif's header lines and a VALID / NOT VALID verdict per INF
  /code N     print what error code N means and exit (WDK 10.0.26100 on)
  /info /osver /rulever /wbuild /msft /sw<code> /l /product /provider /recurse:
              as the kit's InfVerif has them; see docs/infverif.md

Inputs: INF/INX files, directories (searched recursively for *.inf and *.inx),
or - for standard input. An INF that still holds stampinf's tokens ($ARCH$,
$KMDFVERSION$..., an empty DriverVer) is checked as the build stamps it.

Options:
  --wdk VERSION        the WDK whose InfVerif to be (also /wdk VERSION)
  --list-rules         print the kit's rule set (codes, levels per mode) and exit
  --as-is              check an unstamped INF as it is (1274 for $ARCH$...)
  --format NAME        stylish (default on a terminal), text (InfVerif's console
                       format; default otherwise), json, sarif, github
  --output-file PATH   write the report to PATH (atomically) instead of stdout
  --sarif-output PATH  also write the findings as SARIF to PATH (atomically),
                       from the same run, whatever --format prints
  --max-warnings N     fail (exit 1) when there are more than N warnings
  --help, /?           print this help

${exitCodeTables.lint}
`;

const MODES = new Set(['w', 'u', 'k', 'h', 'universal']);

// InfVerif's switches (/ or -, case-insensitive) are the kit table's rows (src/rules/kit-switches.ts;
// whether the chosen kit has one is checked in run()), plus /? and wdksim's /wdk; /sw<code> is one
// word and is read from the unknown tokens. wdksim's own options are --options.
const SWITCHES: SwitchTable = {
  switches: {
    '?': {},
    wdk: { value: 'next' },
    ...Object.fromEntries(KIT_SWITCHES.filter((s) => s.name !== 'sw').map((s) => [s.name, s.value ? { value: 'next' as const } : {}])),
  },
  long: {
    help: {},
    format: { value: true },
    'output-file': { value: true },
    'sarif-output': { value: true },
    'max-warnings': { value: true },
    stampinf: {},
    verbose: {},
    wdk: { value: true },
    'list-rules': {},
    'as-is': {},
  },
  // The whole word after / or - is the switch name; an absolute POSIX path is an input.
  switchShape: /^[/-](.+)$/s,
  isWord: (arg) => arg.startsWith('/') && arg.slice(1).includes('/'),
  doubleDash: true,
};

export function parseArgs(argv: string[]): InfVerifOptions {
  const opts: InfVerifOptions = {
    mode: 'default',
    stampinf: false,
    asIs: false,
    verbose: false,
    help: false,
    listRules: false,
    info: false,
    msft: false,
    suppress: [],
    switches: [],
    inputs: [],
  };
  let modeSwitch: string | undefined;
  for (const token of tokenizeSwitches(argv, SWITCHES)) {
    const arg = token.raw;
    if (token.kind === 'word') {
      opts.inputs.push(arg);
    } else if (token.kind === 'missing-value') {
      if (token.long) throw new UsageError(`--${token.name} needs a value; see "wdksim infverif --help"`);
      if (token.name === 'wdk') throw new UsageError('/wdk needs a version, e.g. /wdk 10.0.22621');
      throw new UsageError(`/${token.name} needs a value (${kitSwitch(token.name)?.value ?? 'a value'})`);
    } else if (token.kind === 'unknown') {
      if (arg.startsWith('--')) throw new UsageError(`unknown option "${arg}"; see "wdksim infverif --help"`);
      const sw = /^sw(\d{4})$/.exec(token.name);
      if (sw) {
        opts.switches.push({ name: 'sw', raw: arg });
        opts.suppress.push(sw[1]!);
      } else if (token.name === 'sw') throw new UsageError('/sw takes the code in the switch, e.g. /sw1402');
      else if (arg.startsWith('/') && /[\\.]/.test(arg))
        opts.inputs.push(arg); // e.g. /tmp.inf given as a path
      else throw new UsageError(`unknown switch "${arg}"; see "wdksim infverif --help"`);
    } else if (token.kind === 'long') {
      switch (token.name) {
        case 'help':
          opts.help = true;
          break;
        case 'format':
          opts.format = token.value!.toLowerCase();
          break;
        case 'output-file':
          opts.outputFile = token.value!;
          break;
        case 'sarif-output':
          opts.sarifOutput = token.value!;
          break;
        case 'max-warnings': {
          const v = token.value!;
          if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings takes a non-negative whole number, not "${v}"`);
          opts.maxWarnings = Number(v);
          break;
        }
        case 'stampinf':
          opts.stampinf = true;
          break;
        case 'verbose':
          opts.verbose = true;
          break;
        case 'wdk':
          opts.wdk = token.value!;
          break;
        case 'list-rules':
          opts.listRules = true;
          break;
        case 'as-is':
          opts.asIs = true;
          break;
      }
    } else {
      const name = token.name;
      const value = token.value;
      if (name === '?') {
        opts.help = true;
        continue;
      }
      if (name === 'wdk') {
        opts.wdk = value!;
        continue;
      }
      opts.switches.push({ name, raw: arg, ...(value !== undefined ? { value } : {}) });
      if (MODES.has(name)) {
        const mode = name === 'universal' ? 'u' : name;
        if (modeSwitch && modeSwitch !== mode) throw new UsageError(`only one mode at a time: /${modeSwitch} and /${mode} were both given`);
        modeSwitch = mode;
        opts.mode = mode as Mode;
        continue;
      }
      switch (name) {
        case 'stampinf':
          opts.stampinf = true;
          break;
        case 'v':
          opts.verbose = true;
          break;
        case 'code':
          opts.code = value;
          break;
        case 'rulever':
          opts.rulever = value;
          break;
        case 'osver':
          opts.osver = value;
          break;
        case 'info':
          opts.info = true;
          break;
        case 'msft':
          opts.msft = true;
          break;
        default:
          break; // accepted for compatibility (run() says so)
      }
    }
  }
  return opts;
}

/** Switches wdksim accepts and does not act on: run() notes them on stderr. */
const NO_EFFECT = new Set(['l', 'product', 'provider', 'wbuild', 'syntax']);

/** The kit the options name; a usage error for a version wdksim does not model. */
function chooseKit(opts: InfVerifOptions): Kit {
  let kit = NEWEST_KIT;
  if (opts.wdk !== undefined) {
    const k = resolveKit(opts.wdk);
    if (!k)
      throw new UsageError(
        `unknown WDK version "${opts.wdk}"; wdksim models InfVerif of ${KITS.map((x) => x.version).join(', ')} (a newer build uses the newest kit not newer than it)`,
      );
    kit = k;
  }
  // Every switch must be one this kit's InfVerif has.
  for (const s of opts.switches) {
    const spec = kitSwitch(s.name)!;
    if (kitHasSwitch(spec, kit)) continue;
    const have = kitsWithSwitch(spec);
    const where = have.length > 0 ? `it is in WDK ${have.map((k) => k.version).join(', ')}; pass --wdk ${have[0]!.version}` : `no WDK wdksim models has it (${spec.summary})`;
    throw new UsageError(`InfVerif of WDK ${kit.version} has no ${s.raw} switch: ${where}`);
  }
  // /rulever: the rules of another release (vnext: the newest wdksim knows).
  if (opts.rulever !== undefined) {
    const r = /^vnext$/i.test(opts.rulever) ? NEWEST_KIT : resolveKit(opts.rulever);
    if (!r) throw new UsageError(`/rulever takes Major.Minor.Build or vnext, and a release wdksim models (${KITS.map((x) => x.version).join(', ')}), not "${opts.rulever}"`);
    kit = r;
  }
  return kit;
}

/** What /msft leaves out in the kits where it still suppresses (10.0.22621: Build-Sample.ps1 lists them). */
function msftSuppressed(kit: Kit): string[] {
  return kit.build === 22621 ? ['1284', '1285', '1293', '2083', '2086'] : [];
}

/** Case-insensitive `*`/`?` match of the last path component (InfVerif accepts wildcards). */
async function expandWildcard(path: string, cwd: string): Promise<string[]> {
  const dir = dirname(path);
  const pattern = new RegExp(
    `^${basename(path)
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  try {
    const names = await readdir(resolve(cwd, dir));
    return names
      .filter((n) => pattern.test(n))
      .sort()
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

async function walk(root: string, cwd: string, found: (count: number) => void): Promise<string[]> {
  // Pre-order in name order with an explicit stack (no recursion: deep trees do not grow the call stack).
  const out: string[] = [];
  const stack: { path: string; dir: boolean }[] = [{ path: root, dir: true }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (!item.dir) {
      out.push(item.path);
      continue;
    }
    // One directory at a time on this thread (the promise-based readdir cost 1.5-1.9 s over the
    // 100x corpus's directories, readdirSync 0.25 s), letting a signal in between.
    await yieldToSignals();
    found(out.length);
    const entries = readdirSync(resolve(cwd, item.path), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i]!;
      if (e.isDirectory()) stack.push({ path: join(item.path, e.name), dir: true });
      else if (e.isFile() && /\.in[fx]$/i.test(e.name)) stack.push({ path: join(item.path, e.name), dir: false });
    }
  }
  return out;
}

/** Writes a report file atomically (a failed write leaves any earlier file whole). */
async function writeReport(cwd: string, path: string, text: string): Promise<void> {
  try {
    await writeUserFile(resolve(cwd, path), text);
  } catch (error) {
    throw environmentError(error) ?? new WdksimError(describeFsError(error, path), LintExit.usage);
  }
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const opts = parseArgs(argv);
  if (opts.help) {
    ctx.io.stdout(HELP);
    return LintExit.ok;
  }
  const kit = chooseKit(opts);
  if (opts.listRules) {
    ctx.io.stdout(listRules(infRules, kit));
    return LintExit.ok;
  }
  if (opts.code !== undefined) {
    const rule = ruleById(opts.code.trim());
    if (!rule || !kitHasRule(rule, kit))
      throw new UsageError(`InfVerif of WDK ${kit.version} has no code "${opts.code}" that wdksim checks; run "wdksim infverif --list-rules --wdk ${kit.version}"`);
    ctx.io.stdout(describeRule(rule, kit));
    return LintExit.ok;
  }
  if (opts.inputs.length === 0) throw new UsageError('no INF file given; usage: wdksim infverif [/w|/u|/k|/h] [/stampinf] <file.inf|dir|->...');
  const format = opts.format ?? (ctx.io.stdoutIsTTY && !opts.outputFile ? 'stylish' : 'text');
  const formatter = formatters[format];
  if (!formatter) throw new UsageError(`unknown --format "${format}"; use one of ${Object.keys(formatters).join(', ')}`);
  for (const s of opts.switches) if (NO_EFFECT.has(s.name)) ctx.io.stderr(`wdksim infverif: ${s.raw} is accepted for compatibility and has no effect here\n`);
  const suppress = new Set([...opts.suppress, ...(opts.msft ? msftSuppressed(kit) : [])]);
  const stampinf: boolean | 'auto' = opts.stampinf ? true : opts.asIs ? false : 'auto';

  const cwd = ctx.io.cwd;
  const files: FileReport[] = [];
  let inputFailed = false;
  const fail = (message: string): void => {
    inputFailed = true;
    ctx.io.stderr(`wdksim infverif: ${message}\n`);
  };
  const batchOptions: BatchOptions = { mode: opts.mode, stampinf, wdk: kit, suppress, cwd, readStdin: () => ctx.io.readStdin(), pool: poolSettings(ctx.io.env) };
  // Workers may start during the walk (never for stdin or /info, which stay on this thread).
  const early = new EarlyWorkers(batchOptions, !opts.info && !opts.inputs.includes('-'));
  batchOptions.early = early;
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
      for (const m of matched) targets.push(m);
      continue;
    }
    try {
      const info = await stat(resolve(cwd, input));
      if (info.isDirectory()) {
        const found = await walk(input, cwd, (count) => early.found(targets.length + count));
        if (found.length === 0) fail(`${input}: directory holds no *.inf or *.inx file`);
        for (const f of found) targets.push(f); // not push(...found): a big tree overflows the stack
      } else {
        targets.push(input);
      }
    } catch (error) {
      fail(`${describeFsError(error, input)} (InfVerif 1000: INF not found)`);
    }
  }
  const rules = new Map<string, RuleMeta>(infRules.map((r) => [r.id, r]));
  const toFile = opts.outputFile !== undefined;
  const input = {
    rules,
    cwd,
    chalk: new Chalk({ level: ctx.color && !toFile ? 1 : 0 }),
    tool: { name: 'wdksim infverif', version: VERSION },
    mode: opts.mode,
    verbose: opts.verbose,
    banner: verboseBanner(opts.mode, kit, opts.msft),
  };
  // A line-oriented format on stdout is printed as each file is done, and its findings are not
  // kept (memory does not grow with the file count); a whole document (json, sarif, stylish's
  // summary, --output-file, --sarif-output) keeps the findings, never the documents.
  // (/info prints each INF's summary as it goes, before the report: no streaming then.)
  const stream = toFile || opts.info ? undefined : streamFormatters[format];
  const keep = stream === undefined || opts.sarifOutput !== undefined;
  let pending = stream ? stream.head(input) : '';
  let flushed = performance.now();
  const flush = (): void => {
    if (pending) ctx.io.stdout(pending);
    pending = '';
    flushed = performance.now();
  };
  const tally = { errors: 0, warnings: 0, crashed: false, inxCount: 0, firstInx: '' };
  const { threads, onMainThread, outOfMemory } = await validateTargets(
    targets,
    batchOptions,
    (found) => {
      const report =
        opts.osver === undefined ? found : { ...found, diagnostics: found.diagnostics.filter((d) => !d.targetOs || d.targetOs.toLowerCase() === opts.osver!.toLowerCase()) };
      for (const d of report.diagnostics) {
        if (d.code === RULE_CRASHED) tally.crashed = true;
        if (d.severity === 'error') tally.errors++;
        else if (d.severity === 'warning') tally.warnings++;
      }
      // An INX is a template stampinf fills in: the note after the run names the first one.
      if (!opts.stampinf && /\.inx$/i.test(report.file) && report.diagnostics.length > 0 && tally.inxCount++ === 0) tally.firstInx = report.file;
      if (keep) files.push(report);
      if (stream) {
        pending += stream.file(input, report);
        if (pending.length >= 16384 || performance.now() - flushed >= 100) flush();
      }
    },
    (error) => {
      flush();
      fail(error.message);
    },
    opts.info ? (doc, file) => ctx.io.stdout(infSummary(doc, file)) : undefined,
  );
  flush();
  if (ctx.io.env.WDKSIM_DEBUG) {
    const workers = `${threads - 1} worker thread${threads === 2 ? '' : 's'}`;
    const where =
      threads === 0
        ? 'on the main thread'
        : `on ${threads} threads (the main thread, which checked ${onMainThread}, and ${workers})${outOfMemory ? '; a worker ran out of memory, so the main thread checked the rest' : ''}`;
    ctx.io.stderr(`wdksim infverif: ${targets.length} files checked ${where}\n`);
  }

  // An INX is a template stampinf fills in: point at the switch that validates it as it is.
  if (tally.inxCount > 0) {
    const first = tally.firstInx;
    const shown = tally.inxCount === 1 ? `${first} is an INX file (a template` : `${tally.inxCount} INX files, ${first} and more, are templates (files`;
    ctx.io.stderr(
      `wdksim infverif: ${shown} stampinf has not filled in yet): pass /stampinf to validate it as it is (wdksim infverif /stampinf ${first}), or validate the INF that wdksim stampinf writes from it\n`,
    );
  }

  if (!stream) {
    const report = formatter({ ...input, files });
    if (toFile) await writeReport(cwd, opts.outputFile!, report);
    else ctx.io.stdout(report);
  }
  // One run, two reports: the text a log (and a problem matcher) reads, and SARIF for code scanning.
  if (opts.sarifOutput !== undefined) await writeReport(cwd, opts.sarifOutput, formatters.sarif!({ ...input, chalk: new Chalk({ level: 0 }), files }));

  if (inputFailed) return LintExit.usage;
  if (tally.crashed) return LintExit.usage;
  if (tally.errors > 0) return LintExit.errors;
  if (opts.maxWarnings !== undefined && tally.warnings > opts.maxWarnings) {
    ctx.io.stderr(`wdksim infverif: ${tally.warnings} warnings, more than --max-warnings ${opts.maxWarnings}\n`);
    return LintExit.errors;
  }
  return LintExit.ok;
}
