// wdksim inf2cat: Inf2Cat's command line (wdk-tools.md §3.1), its
// signability report (§3.5) and exit codes (§3.6: 0, -1 → 255, -2 → 254).
// The checks and the catalog plans live in src/package; the catalog bytes
// come from src/catalog.
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { WdksimError } from '../errors.js';
import { Inf2CatExit } from '../exit-codes.js';
import type { Context } from '../io.js';
import {
  catalogsWrittenText,
  failureText,
  formatInf2CatLine,
  inf2catText,
  Inf2CatFailure,
  kitBuildOf,
  OS_IDS,
  osIdForKit,
  parseOsList,
  runInf2Cat,
  type Inf2CatResult,
  type OsId,
} from '../package/index.js';

import { tokenizeSwitches, type SwitchTable } from '../switches.js';
import { VERSION } from '../version.js';
import type { Inf2CatJson } from '../json-records.js';

const PARAMETER_FORMAT = 'Parameter format not correct.';

interface Inf2CatOptions {
  driver: string;
  oses: OsId[];
  noCat: boolean;
  verbose: boolean;
  useLocalTime: boolean;
  ignoreErrors: boolean;
  /** true: every file; a list: only those (lower-cased, de-duplicated). */
  pageHashes?: true | string[];
  json: boolean;
  catalogVersion?: 1 | 2;
}

/** wdksim's own options around Inf2Cat's grammar. */
interface Extensions {
  json: boolean;
  catalogVersion?: 1 | 2;
  /** --wdk: the kit build whose Inf2Cat to be (its /os ids and OS tokens). */
  kitBuild?: number;
}

/** An argument error: Inf2Cat prints the message and returns -1. */
class ArgumentError extends Error {
  constructor(
    message: string,
    readonly blankLineFirst = false,
  ) {
    super(message);
  }
}

type Parsed = { kind: 'usage' } | { kind: 'run'; options: Inf2CatOptions };

// Inf2Cat's switches: `/` only (`-os:...` is a stray word), names in any case, values after
// a colon. /drm and /pe are prefixes: any switch starting so is the deprecated option.
const SWITCHES: SwitchTable = {
  switches: {
    os: { value: 'colon' },
    driver: { value: 'colon' },
    drv: { value: 'colon' },
    nocat: {},
    verbose: {},
    v: {},
    uselocaltime: {},
    ignoreerrors: {},
    pagehashes: { value: 'colon', optional: true },
    headerattribute: { value: 'colon' },
    ha: { value: 'colon' },
    fileattribute: { value: 'colon' },
    fa: { value: 'colon' },
    drm: { prefix: true },
    pe: { prefix: true },
  },
  switchShape: /^\/([^:]*)(?::(.*))?$/s,
};

// wdksim's own options, taken out before Inf2Cat's grammar runs; their names match exactly.
const EXTENSIONS: SwitchTable = {
  switches: { h: {} },
  switchShape: /^-(h)$/, // only `-h` exactly: /h and -H are Inf2Cat's (unknown) switches
  long: { json: {}, help: {}, 'catalog-version': { value: true }, wdk: { value: true } },
  longCaseSensitive: true,
};

/** Our own options (--json, --catalog-version, --wdk, --help, -h), taken out before Inf2Cat's grammar runs. */
function extractExtensions(argv: string[]): { rest: string[]; help: boolean; extensions: Extensions } {
  const rest: string[] = [];
  const extensions: Extensions = { json: false };
  let help = false;
  const versionError = (got: string) => new WdksimError(`--catalog-version takes 1 (SHA-1 members) or 2 (SHA-256 members), got "${got}"`, Inf2CatExit.usage);
  const kitError = (got: string) => new WdksimError(`--wdk takes a Windows 10 or later kit version (10.0.10240, 10.0.19041, 10.0.26100...), got "${got}"`, Inf2CatExit.usage);
  for (const token of tokenizeSwitches(argv, EXTENSIONS)) {
    if (token.kind === 'switch')
      help = true; // -h
    else if (token.kind === 'long' && token.name === 'catalog-version') {
      if (token.value !== '1' && token.value !== '2') throw versionError(token.value ?? '');
      extensions.catalogVersion = Number(token.value) as 1 | 2;
    } else if (token.kind === 'long' && token.name === 'wdk') {
      const build = kitBuildOf(token.value ?? '');
      if (build === undefined) throw kitError(token.value ?? '');
      extensions.kitBuild = build;
    } else if (token.kind === 'missing-value') {
      throw token.name === 'wdk' ? kitError('') : versionError('');
    } else if (token.kind === 'long' && token.value === undefined) {
      if (token.name === 'json') extensions.json = true;
      else help = true;
    } else rest.push(token.raw); // Inf2Cat's own arguments, and --json=x, which it refuses
  }
  return { rest, help, extensions };
}

/** `<hexType>:<name>:<value>[:<file list>]`, `^` escaping `:`. */
function validAttributeSpec(spec: string): boolean {
  const parts: string[] = [''];
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i]!;
    if (c === '^' && i + 1 < spec.length) parts[parts.length - 1] += spec[++i]!;
    else if (c === ':') parts.push('');
    else parts[parts.length - 1] += c;
  }
  return parts.length >= 3 && parts.length <= 4 && /^(0x)?[0-9a-f]+$/i.test(parts[0]!) && parts[1] !== '';
}

/** Inf2Cat's argument parsing, in its order (wdk-tools.md §3.1). */
export function parseInf2CatArgs(argv: string[], extensions: Extensions): Parsed {
  if (argv.length === 0 || argv.some((a) => a === '/?' || a === '-?')) return { kind: 'usage' };
  if (argv.length === 1) throw new ArgumentError(PARAMETER_FORMAT);
  const tokens = tokenizeSwitches(argv, SWITCHES);

  // The OS list first: the first /os: wins, later ones are ignored.
  const osToken = tokens.find((t) => t.kind === 'switch' && t.name === 'os');
  if (osToken?.kind !== 'switch') throw new ArgumentError('Operating systems parameter missing.');
  const osList = parseOsList(osToken.value!);
  if (!osList.ok) throw new ArgumentError(osList.reason === 'missing' ? 'Operating systems parameter missing.' : 'Operating systems parameter invalid.');
  // --wdk: only the ids that kit's Inf2Cat has, with the OS tokens it writes.
  const kitBuild = extensions.kitBuild;
  const oses = kitBuild === undefined ? osList.oses : osList.oses.map((os) => osIdForKit(os, kitBuild));
  if (oses.some((os) => os === undefined)) throw new ArgumentError('Operating systems parameter invalid.');

  let driver: string | undefined;
  const options: Omit<Inf2CatOptions, 'driver'> = {
    oses: oses as OsId[],
    noCat: false,
    verbose: false,
    useLocalTime: false,
    ignoreErrors: false,
    json: extensions.json,
    ...(extensions.catalogVersion ? { catalogVersion: extensions.catalogVersion } : {}),
  };
  for (const token of tokens) {
    // Unknown switches, a missing value, stray words, and a flag given `:value`.
    if (token.kind !== 'switch') throw new ArgumentError(PARAMETER_FORMAT);
    const { name, value } = token;
    if (name === 'drm') throw new ArgumentError('Use of DRM argument no longer supported. Remove DRM argument and try again', true);
    if (name === 'pe') throw new ArgumentError('Use of PETrust argument no longer supported. Remove PETrust argument and try again', true);
    if (name === 'os') continue;
    if ((name === 'driver' || name === 'drv') && driver === undefined) {
      driver = value!;
      continue;
    }
    if (name === 'pagehashes' && value !== undefined) {
      const files = [
        ...new Set(
          value
            .split(',')
            .map((f) => f.trim().toLowerCase())
            .filter((f) => f !== ''),
        ),
      ];
      if (files.length === 0) throw new ArgumentError(PARAMETER_FORMAT);
      options.pageHashes = files;
    } else if (['headerattribute', 'ha', 'fileattribute', 'fa'].includes(name)) {
      if (!validAttributeSpec(value!)) throw new ArgumentError(PARAMETER_FORMAT);
    } else if (value !== undefined)
      throw new ArgumentError(PARAMETER_FORMAT); // /nocat:x, a second /driver:
    else if (name === 'nocat') options.noCat = true;
    else if (name === 'verbose' || name === 'v') options.verbose = true;
    else if (name === 'uselocaltime') options.useLocalTime = true;
    else if (name === 'ignoreerrors') options.ignoreErrors = true;
    else if (name === 'pagehashes') options.pageHashes = true;
  }
  if (driver === undefined || driver.trim() === '') throw new ArgumentError('Driver path missing.');
  return { kind: 'run', options: { ...options, driver } };
}

function usageText(): string {
  const ids = OS_IDS.map((os) => os.id);
  const grid: string[] = [];
  for (let i = 0; i < ids.length; i += 4)
    grid.push(
      `    ${ids
        .slice(i, i + 4)
        .map((id) => id.padEnd(18))
        .join('')
        .trimEnd()}`,
    );
  return [
    `Version ${VERSION} (wdksim)`,
    'Tests a driver package for signability and creates its unsigned catalog file(s).',
    '',
    'INF2CAT /driver:path /os:operatingSystem1[,os2]...',
    '        [/nocat] [/verbose] [/uselocaltime] [/pageHashes[:file1[,file2]...]]',
    '        [--json] [--catalog-version 1|2] [--wdk VERSION]',
    '',
    '/driver:path (/drv:path)',
    '    The folder of the driver package: every .inf in it is tested and gets a',
    '    catalog named by its [Version] CatalogFile entry, written next to it.',
    '',
    '/os:operatingSystem1[,os2]...',
    '    The Windows versions the package is signed for (case-insensitive):',
    ...grid,
    '',
    '/uselocaltime',
    "    Check DriverVer against today's local date instead of today's UTC date.",
    '',
    '/nocat',
    '    Run the signability tests only; write no catalog.',
    '',
    '/verbose (/v)',
    '    Print each step instead of progress dots, and for each catalog written',
    '    every file it holds and the INF section that named it.',
    '',
    '/pageHashes[:file1[,file2]...]',
    '    Write page hashes for all (or only the listed) PE members of the catalog',
    '    (SpcPeImageData page-hash table, SHA-1 or SHA-256 as the catalog version).',
    '',
    '/drm, /pe',
    '    Deprecated; rejected as current Inf2Cat does.',
    '',
    '--wdk VERSION (wdksim)',
    '    Be the Inf2Cat of that kit (10.0.10240 ... 10.0.26100): only the /os ids it',
    '    has; kits before 10.0.14393 write Windows 10 as 10X86/10X64 (OSAttr 2:6.4).',
    '',
    '--json (wdksim)',
    '    Print the result as JSON: diagnostics and the catalogs written.',
    '',
    '--catalog-version 1|2 (wdksim)',
    '    Catalog format: 1 = SHA-1 members, 2 = SHA-256 members. Default: 1 when any',
    '    /os id predates Windows 8 / Server 2012 (which cannot read SHA-256',
    '    catalogs), else 2.',
    '',
    'Exit codes: 0 success, 255 (Inf2Cat -1) bad parameters or failure, 254 (Inf2Cat -2) signability test failed.',
    '',
  ].join('\n');
}

/** Turns the given path into a host path: `\` is a separator on every host. */
function hostPath(cwd: string, given: string): string {
  const normalised = sep === '/' ? given.replace(/\\/g, '/') : given;
  return isAbsolute(normalised) ? resolve(normalised) : resolve(cwd, normalised);
}

/** A progress bar on stderr while hashing, only on a terminal and only when hashing is slow. */
async function hashingBar(ctx: Context, options: Inf2CatOptions): Promise<{ update(done: number, total: number): void; stop(): void } | undefined> {
  if (!ctx.io.stderrIsTTY || options.json) return undefined;
  const { default: cliProgress } = await import('cli-progress');
  let started: number | undefined;
  // WDKSIM_PROGRESS_DELAY_MS lets tests show the bar at once; users never need it.
  const delayText = ctx.io.env.WDKSIM_PROGRESS_DELAY_MS;
  const delay = delayText !== undefined && /^\d+$/.test(delayText) ? Number(delayText) : 1000;
  let bar: InstanceType<typeof cliProgress.SingleBar> | undefined;
  // cli-progress writes to a stream; this one forwards to ctx.io.stderr.
  const stream = {
    isTTY: true,
    columns: process.stderr.columns ?? 80,
    write: (text: string) => {
      ctx.io.stderr(text);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return {
    update(done, total) {
      if (!bar) {
        started ??= Date.now();
        if (Date.now() - started < delay || done >= total) return;
        bar = new cliProgress.SingleBar(
          { stream, format: 'hashing {bar} {percentage}% | {value}/{total} bytes', hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}

function jsonReport(ctx: Context, dir: string, result: Inf2CatResult, options: Inf2CatOptions, exitCode: number, failure?: string): void {
  const doc: Inf2CatJson = {
    tool: 'inf2cat',
    exitCode,
    passed: exitCode === 0,
    driver: options.driver,
    os: options.oses.map((os) => os.id),
    useLocalTime: options.useLocalTime,
    diagnostics: result.diagnostics.map((d) => ({ ...d, text: formatInf2CatLine(d) })),
    catalogs: result.written
      ? result.catalogs.map((plan) => ({
          path: plan.path,
          name: plan.catalogName,
          inf: plan.inf.path,
          infs: plan.infs.map((inf) => inf.path),
          os: plan.oses.map((os) => os.id),
          version: plan.version,
          osAttr: plan.osAttr,
          attributes: plan.attributes,
          members: plan.members.map((m) => m.name.toLowerCase()),
          files: plan.members.map((m) => ({ path: relative(dir, m.path).split(sep).join('/'), file: m.name.toLowerCase(), reason: m.reason })),
        }))
      : [],
    ...(failure ? { error: failure } : {}),
  };
  ctx.io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const ext = extractExtensions(argv);
  if (ext.help) {
    ctx.io.stdout(usageText());
    return Inf2CatExit.ok;
  }
  let options: Inf2CatOptions;
  try {
    const parsed = parseInf2CatArgs(ext.rest, ext.extensions);
    if (parsed.kind === 'usage') {
      ctx.io.stdout(usageText());
      return Inf2CatExit.ok;
    }
    options = parsed.options;
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    if (ext.extensions.json) ctx.io.stdout(`${JSON.stringify({ tool: 'inf2cat', exitCode: Inf2CatExit.usage, passed: false, error: error.message }, null, 2)}\n`);
    else ctx.io.stdout(`${error.blankLineFirst ? '\n' : ''}${error.message}\n`);
    return Inf2CatExit.usage;
  }

  const dir = hostPath(ctx.io.cwd, options.driver);
  const exists = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!exists) {
    const message = `${options.driver} does not exist.`;
    if (options.json) ctx.io.stdout(`${JSON.stringify({ tool: 'inf2cat', exitCode: Inf2CatExit.usage, passed: false, error: message }, null, 2)}\n`);
    else ctx.io.stdout(`${message}\n`);
    return Inf2CatExit.usage;
  }
  const text = options.json ? undefined : inf2catText((t) => ctx.io.stdout(t), options.verbose);
  const bar = await hashingBar(ctx, options);
  try {
    const result = await runInf2Cat(
      {
        dir,
        oses: options.oses,
        useLocalTime: options.useLocalTime,
        ignoreErrors: options.ignoreErrors,
        noCat: options.noCat,
        clock: ctx.clock,
        ...(options.pageHashes ? { pageHashes: options.pageHashes } : {}),
        ...(options.catalogVersion ? { catalogVersion: options.catalogVersion } : {}),
      },
      // No bar, no hashing hook: counting the bytes to hash costs a stat per file.
      { ...text?.hooks, ...(bar ? { hashing: (done: number, total: number) => bar.update(done, total) } : {}) },
    );
    bar?.stop();
    if (text && result.written) ctx.io.stdout(catalogsWrittenText(result, options.verbose ? dir : undefined));
    if (options.json) jsonReport(ctx, dir, result, options, result.exitCode);
    return result.exitCode;
  } catch (error) {
    bar?.stop();
    if (!(error instanceof Inf2CatFailure)) throw error;
    if (options.json) jsonReport(ctx, dir, error.partial, options, Inf2CatExit.usage, error.message);
    else {
      text?.endProgress();
      ctx.io.stdout(failureText(error.message));
    }
    return Inf2CatExit.usage;
  }
}
