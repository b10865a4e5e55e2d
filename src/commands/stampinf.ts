// `wdksim stampinf`: stampinf's command line (option letters in any case,
// `-` or `/`, the value in the next argument), the file edited in place and
// written atomically, or written to -o OUT. Silent on success unless -n.
import { access, constants, readFile, stat } from 'node:fs/promises';
import { delimiter, dirname, join, resolve } from 'node:path';
import { InputError, UsageError, describeFsError } from '../errors.js';
import { StampinfExit, exitCodeTables } from '../exit-codes.js';
import type { Context } from '../io.js';
import { looksBinary } from '../inf/decode.js';
import { parseInf } from '../inf/parse.js';
import { futureDriverVerWarning, stampInf, type StampRequest } from '../stamp/index.js';
import type { StampinfJson } from '../json-records.js';
import { tokenizeSwitches, type SwitchTable } from '../switches.js';
import { writeUserFile } from '../fs/host-write.js';
import { readUserInput } from '../fs/read-input.js';

const HELP = `Usage: wdksim stampinf -f FILE [-s SECTION] [-d mm/dd/yyyy|*] [-v w.x.y.z|*] [-a ARCH]
                       [-c CATALOG] [-k KMDF] [-u UMDF] [-i DIR] [-p PROVIDER] [-n] [-x] [-o OUT] [--json]

Stamps DriverVer, $ARCH$, $KMDFVERSION$, $KMDFCOINSTALLERVERSION$, $UMDFVERSION$ and
$UMDFCOINSTALLERVERSION$ into an INF or INX, as the WDK's stampinf does. Every other
byte of the file (encoding, BOM, line ends, comments, spacing) is kept.

  -f FILE      the INF/INX, edited in place (required)
  -s SECTION   section that receives DriverVer (default Version)
  -d DATE      mm/dd/yyyy, or * for today's local date
               (default: STAMPINF_DATE, else today's local date)
  -v VERSION   w.x.y.z (each part 0-65534), or * for the local time H.M.S.ms
               (default: STAMPINF_VERSION, else ntverp.h in the -i folder,
               else in the INCLUDE path)
  -a ARCH      value of $ARCH$ (default: the Platform variable, else $ARCH$ is removed)
  -c CATALOG   write CatalogFile=CATALOG into [Version]
  -k KMDF      KMDF version major.minor, e.g. 1.15 ($KMDFCOINSTALLERVERSION$ becomes 01015)
  -u UMDF      UMDF version major.minor.service, e.g. 2.15.0
  -i DIR       folder holding ntverp.h
  -p PROVIDER  write Provider=PROVIDER into [Version]
  -n           verbose: print what was stamped
  -x           drop the lines that name the co-installer by $KMDFCOINSTALLERVERSION$ or
               $UMDFCOINSTALLERVERSION$ (Visual Studio passes -x on every build)
  -o OUT       wdksim: write the stamped file to OUT and leave FILE as it is
  --json       print the changed lines as JSON (section, line, before, after)

PRIVATE_DRIVER_PACKAGE set: today's date and the current time, whatever -d/-v say,
and CatalogFile=delta.cat unless -c is given. "Local" is the zone named by TZ;
--now, WDKSIM_NOW or SOURCE_DATE_EPOCH fix the clock.
A DriverVer date after today's UTC date gets a warning: inf2cat checks it against UTC.

${exitCodeTables.stampinf}
`;

interface Parsed {
  request: StampRequest;
  file?: string;
  includeDir?: string;
  out?: string;
  verbose: boolean;
  json: boolean;
  help: boolean;
}

// stampinf's switches: one letter after `-` or `/`, a value in the next argument. -d and -v
// without a value (none follows, or the next word is a switch) behave as if omitted.
const SWITCHES: SwitchTable = {
  switches: {
    f: { value: 'next' },
    s: { value: 'next' },
    a: { value: 'next' },
    c: { value: 'next' },
    k: { value: 'next' },
    u: { value: 'next' },
    i: { value: 'next' },
    p: { value: 'next' },
    o: { value: 'next' },
    d: { value: 'next', optional: true },
    v: { value: 'next', optional: true },
    n: {},
    x: {},
    h: {},
  },
  long: { json: {}, help: {} },
  switchShape: /^[-/]([A-Za-z])$/,
};

const unknownOption = (arg: string) => new UsageError(`stampinf: unknown option "${arg}"; run "wdksim stampinf --help" for the options`);

export function parseStampinfArgs(argv: string[]): Parsed {
  const parsed: Parsed = { request: {}, verbose: false, json: false, help: false };
  for (const token of tokenizeSwitches(argv, SWITCHES)) {
    const arg = token.raw;
    if (token.kind === 'long') {
      if (token.value !== undefined) throw unknownOption(arg);
      if (token.name === 'json') parsed.json = true;
      else parsed.help = true;
      continue;
    }
    if (token.kind === 'word' && (arg === '-?' || arg === '/?')) {
      parsed.help = true;
      continue;
    }
    if (token.kind === 'word') {
      throw arg.startsWith('-') || arg.startsWith('/') ? unknownOption(arg) : new UsageError(`stampinf: unexpected argument "${arg}"; give the file with -f FILE`);
    }
    if (token.kind === 'unknown') throw unknownOption(arg);
    if (token.kind === 'missing-value') throw new UsageError(`stampinf: ${arg} needs a value (the next argument)`);
    const letter = token.name;
    if (letter === 'h') {
      parsed.help = true;
      continue;
    }
    if (letter === 'n') {
      parsed.verbose = true;
      continue;
    }
    if (letter === 'x') {
      parsed.request.removeCoinstallers = true;
      continue;
    } // as the WDK's StampInf task passes it
    const value = token.value;
    if (value === undefined) continue; // -d / -v without a value
    switch (letter) {
      case 'f':
        parsed.file = value;
        break;
      case 's':
        parsed.request.section = value;
        break;
      case 'd':
        parsed.request.date = value;
        break;
      case 'v':
        parsed.request.version = value;
        break;
      case 'a':
        parsed.request.arch = value;
        break;
      case 'c':
        parsed.request.catalog = value;
        break;
      case 'k':
        parsed.request.kmdf = value;
        break;
      case 'u':
        parsed.request.umdf = value;
        break;
      case 'p':
        parsed.request.provider = value;
        break;
      case 'i':
        parsed.includeDir = value;
        break;
      case 'o':
        parsed.out = value;
        break;
    }
  }
  if (parsed.request.section !== undefined && parsed.request.section.trim() === '') {
    throw new UsageError('stampinf: -s needs a section name');
  }
  return parsed;
}

const failed = (message: string) => new InputError(message, StampinfExit.failed);

async function readInput(path: string, shown: string): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    return await readUserInput(path);
  } catch (error) {
    throw failed(describeFsError(error, shown));
  }
}

/** Refuses a destination stampinf could not write, before anything is written. */
async function checkWritable(path: string, shown: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw failed(describeFsError(error, shown));
    try {
      await access(dirname(path), constants.W_OK);
    } catch (dirError) {
      throw failed(describeFsError(dirError, dirname(shown) || '.'));
    }
    return;
  }
  if (info.isDirectory()) throw failed(`${shown}: is a directory, expected a file`);
  // A file without write permission is read-only (the Windows read-only attribute), even for root.
  let writable = (info.mode & 0o222) !== 0;
  if (writable)
    writable = await access(path, constants.W_OK).then(
      () => true,
      () => false,
    );
  if (!writable) throw failed(`${shown}: the file is read-only; make it writable (chmod u+w, or attrib -r on Windows), or write the result elsewhere with -o OUT`);
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const args = parseStampinfArgs(argv);
  if (args.help) {
    ctx.io.stdout(HELP);
    return StampinfExit.ok;
  }
  if (args.file === undefined || args.file === '') throw new UsageError('stampinf: -f FILE is required (the INF or INX to stamp); run "wdksim stampinf --help"');
  const inPath = resolve(ctx.io.cwd, args.file);
  const outShown = args.out ?? args.file;
  const outPath = args.out !== undefined ? resolve(ctx.io.cwd, args.out) : inPath;

  const bytes = await readInput(inPath, args.file);
  await checkWritable(outPath, outShown);
  const doc = parseInf(bytes, { file: args.file });
  if (doc.encoding === 'ansi' && looksBinary(doc.text)) throw failed(`${args.file}: binary data, not an INF file; an INF is ANSI or UTF-16LE text`);

  const request: StampRequest = { ...args.request, env: ctx.io.env };
  const env = ctx.io.env;
  const needsNtverp = !env.PRIVATE_DRIVER_PACKAGE && !(request.version ?? '') && !env.STAMPINF_VERSION;
  if (needsNtverp && args.includeDir !== undefined) {
    const header = join(args.includeDir, 'ntverp.h');
    const text = (await readInput(resolve(ctx.io.cwd, header), header)).toString('latin1');
    request.ntverp = { text, file: header };
  } else if (needsNtverp && env.INCLUDE) {
    // Without -i, the include path of a WDK build prompt, as the compiler searches it.
    for (const dir of env.INCLUDE.split(';')
      .flatMap((d) => d.split(delimiter))
      .map((d) => d.trim())
      .filter(Boolean)) {
      const header = join(dir, 'ntverp.h');
      const text = await readFile(resolve(ctx.io.cwd, header)).then(
        (b) => b.toString('latin1'),
        () => undefined,
      );
      if (text !== undefined) {
        request.ntverp = { text, file: header };
        break;
      }
    }
  }

  const result = stampInf(doc, request, ctx.clock);
  if (args.out !== undefined || !result.bytes.equals(bytes)) {
    try {
      await writeUserFile(outPath, result.bytes);
    } catch (error) {
      throw failed(describeFsError(error, outShown));
    }
  }

  if (args.json) {
    ctx.io.stdout(
      `${JSON.stringify(
        {
          file: outShown,
          section: result.stamp.section,
          driverVer: result.driverVer,
          changes: result.changes,
        } satisfies StampinfJson,
        null,
        2,
      )}\n`,
    );
  } else if (args.verbose) {
    ctx.io.stdout(`Stamping ${outShown}\nStamping [${result.stamp.section}] section with DriverVer=${result.driverVer}\n`);
  }
  const warning = futureDriverVerWarning(result.stamp.date, ctx.clock);
  if (warning) ctx.io.stderr(`wdksim stampinf: warning: ${warning}\n`);
  return StampinfExit.ok;
}
