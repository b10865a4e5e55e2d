// pnputil's command line: `/switch` or `-switch`, any case; the legacy
// `-a [-i] <inf>`, `-d [-f] <oem#.inf>`, `-e` and `-?` forms map onto the
// modern commands (their output is the modern one, as on Windows 10 1607+).
import { tokenizeSwitches, type SwitchSpec, type SwitchTable, type SwitchToken } from '../switches.js';

export const COMMANDS = [
  'add-driver',
  'delete-driver',
  'export-driver',
  'enum-drivers',
  'enum-devices',
  'enum-classes',
  'enable-device',
  'disable-device',
  'restart-device',
  'remove-device',
  'scan-devices',
  'enum-devicetree',
  'enum-interfaces',
  'enum-containers',
] as const;
export type PnpCommand = (typeof COMMANDS)[number] | 'help';

/** Any `/x` or `-x` of two characters or more is switch-like to pnputil (a value cannot be one). */
const switchLike = (token: string) => token.length >= 2 && (token[0] === '/' || token[0] === '-');
/** On POSIX hosts an absolute path starts with `/`: a "switch" with a second `/` is a path. */
const posixPath = (token: string) => token.startsWith('/') && token.slice(1).includes('/');

const FLAGS = [
  'subdirs',
  'install',
  'reboot',
  'uninstall',
  'force',
  'files',
  'connected',
  'disconnected',
  'deviceids',
  'ids',
  'relations',
  'services',
  'stack',
  'drivers',
  'interfaces',
  'properties',
  'resources',
  'subtree',
  'async',
  'enabled',
  'disabled',
  'devices',
];
const VALUE: SwitchSpec = { value: 'next', accepts: (v) => !switchLike(v) };

// pnputil's switches: `/` or `-`, any case, values in the next argument. The command is a
// switch too (`/add-driver`); /bus, /problem and /output-file may go without a value.
const SWITCHES: SwitchTable = {
  switches: {
    ...Object.fromEntries(COMMANDS.map((c) => [c, {}])),
    ...Object.fromEntries(FLAGS.map((f) => [f, {}])),
    '?': {},
    help: {},
    h: {},
    class: VALUE,
    instanceid: VALUE,
    deviceid: VALUE,
    containerid: VALUE,
    format: VALUE,
    bus: { value: 'next', optional: true, accepts: (v) => !switchLike(v) },
    problem: { value: 'next', optional: true, accepts: (v) => /^(0x[0-9a-f]+|\d+)$/i.test(v) },
    'output-file': { value: 'next', optional: true, accepts: (v) => !switchLike(v) || posixPath(v) },
  },
  switchShape: /^[/-](.+)$/s,
  isWord: posixPath,
};

// Windows 7's forms: -a [-i] <inf>, -d [-f] <oem#.inf>, -e, -?.
const LEGACY: SwitchTable = {
  switches: { a: {}, d: {}, e: {}, i: {}, f: {}, '?': {} },
  switchShape: /^[/-](.+)$/s,
};

export interface PnpLine {
  command?: PnpCommand;
  /** The command line as pnputil echoes it (XML Command attribute): the tokens after the program name. */
  text: string;
  positional: string[];
  flags: Set<string>;
  values: Map<string, string | undefined>;
  json: boolean;
  /** A usage problem, reported with the syntax help. */
  error?: string;
  legacy: boolean;
}

export function parsePnpLine(argv: readonly string[]): PnpLine {
  const json = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
  const line: PnpLine = { positional: [], flags: new Set(), values: new Map(), json, legacy: false, text: rest.join(' ') };
  if (rest.length === 0) return { ...line, command: 'help' };
  // The legacy forms: the first argument is one of their letters and every switch is.
  const legacy = tokenizeSwitches(rest, LEGACY);
  if (legacy[0]!.kind === 'switch' && legacy.every((t) => t.kind !== 'unknown')) return parseLegacy(legacy, line);
  for (const token of tokenizeSwitches(rest, SWITCHES)) {
    if (token.kind === 'word') {
      line.positional.push(token.raw);
      continue;
    }
    if (token.kind === 'unknown') return { ...line, error: `Invalid switch: ${token.raw}` };
    if (token.kind === 'missing-value') return { ...line, error: `Missing value for /${token.name}` };
    if (token.kind !== 'switch') continue; // no --options in the table
    const { name, value } = token;
    if (name === '?' || name === 'help' || name === 'h') {
      line.command = line.command ?? 'help';
    } else if ((COMMANDS as readonly string[]).includes(name)) {
      if (line.command && line.command !== 'help') return { ...line, error: `Multiple commands specified: /${name}` };
      line.command = name as PnpCommand;
    } else if (SWITCHES.switches[name]!.value === 'next') {
      line.values.set(name, value);
    } else {
      line.flags.add(name === 'ids' ? 'deviceids' : name);
    }
  }
  if (!line.command) return { ...line, error: line.positional.length ? `Invalid command: ${line.positional[0]}` : 'No command specified' };
  return line;
}

function parseLegacy(tokens: readonly SwitchToken[], line: PnpLine): PnpLine {
  line.legacy = true;
  for (const token of tokens) {
    if (token.kind !== 'switch') line.positional.push(token.raw);
    else if (token.name === 'a') line.command = 'add-driver';
    else if (token.name === 'd') line.command = 'delete-driver';
    else if (token.name === 'e') line.command = 'enum-drivers';
    else if (token.name === '?') line.command = 'help';
    else if (token.name === 'i') line.flags.add('install');
    else if (token.name === 'f') line.flags.add('force');
  }
  if (!line.command) return { ...line, error: 'No command specified' };
  return line;
}
