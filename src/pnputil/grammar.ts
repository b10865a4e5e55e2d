// pnputil's command line: `/switch` or `-switch`, any case; the legacy
// `-a [-i] <inf>`, `-d [-f] <oem#.inf>`, `-e` and `-?` forms map onto the
// modern commands (their output is the modern one, as on Windows 10 1607+).
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

/** Switches that take a value, and those whose value is optional. */
const VALUE_SWITCHES = new Set(['class', 'instanceid', 'deviceid', 'containerid', 'format']);
const OPTIONAL_VALUE_SWITCHES = new Set(['bus', 'problem', 'output-file']);
const FLAG_SWITCHES = new Set([
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
]);

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

function switchName(token: string): string | undefined {
  if (token.length < 2 || (token[0] !== '/' && token[0] !== '-')) return undefined;
  return token.slice(1).toLowerCase();
}

export function parsePnpLine(argv: readonly string[]): PnpLine {
  const json = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
  const line: PnpLine = { positional: [], flags: new Set(), values: new Map(), json, legacy: false, text: rest.join(' ') };
  if (rest.length === 0) return { ...line, command: 'help' };
  const first = switchName(rest[0]!);
  const legacyLetters = new Set(['a', 'd', 'e', 'i', 'f', '?']);
  if (first !== undefined && legacyLetters.has(first) && rest.every((t) => switchName(t) === undefined || legacyLetters.has(switchName(t)!))) {
    return parseLegacy(rest, line);
  }
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    const name = switchName(token);
    if (name === undefined) {
      line.positional.push(token);
      continue;
    }
    if (name === '?' || name === 'help' || name === 'h') {
      line.command = line.command ?? 'help';
      continue;
    }
    if ((COMMANDS as readonly string[]).includes(name)) {
      if (line.command && line.command !== 'help') return { ...line, error: `Multiple commands specified: /${name}` };
      line.command = name as PnpCommand;
      continue;
    }
    if (VALUE_SWITCHES.has(name)) {
      const value = rest[i + 1];
      if (value === undefined || switchName(value) !== undefined) return { ...line, error: `Missing value for /${name}` };
      line.values.set(name, value);
      i++;
      continue;
    }
    if (OPTIONAL_VALUE_SWITCHES.has(name)) {
      const value = rest[i + 1];
      const posixPath = name === 'output-file' && value !== undefined && value.startsWith('/') && value.slice(1).includes('/');
      if (value !== undefined && (switchName(value) === undefined || posixPath) && (name !== 'problem' || /^(0x[0-9a-f]+|\d+)$/i.test(value))) {
        line.values.set(name, value);
        i++;
      } else {
        line.values.set(name, undefined);
      }
      continue;
    }
    if (FLAG_SWITCHES.has(name)) {
      line.flags.add(name === 'ids' ? 'deviceids' : name);
      continue;
    }
    // On POSIX hosts an absolute path starts with `/`: an unknown "switch" that is a path is an argument.
    if (token.startsWith('/') && token.slice(1).includes('/')) {
      line.positional.push(token);
      continue;
    }
    return { ...line, error: `Invalid switch: ${token}` };
  }
  if (!line.command) return { ...line, error: line.positional.length ? `Invalid command: ${line.positional[0]}` : 'No command specified' };
  return line;
}

function parseLegacy(tokens: readonly string[], line: PnpLine): PnpLine {
  line.legacy = true;
  for (const token of tokens) {
    const name = switchName(token);
    if (name === undefined) line.positional.push(token);
    else if (name === 'a') line.command = 'add-driver';
    else if (name === 'd') line.command = 'delete-driver';
    else if (name === 'e') line.command = 'enum-drivers';
    else if (name === '?') line.command = 'help';
    else if (name === 'i') line.flags.add('install');
    else if (name === 'f') line.flags.add('force');
  }
  if (!line.command) return { ...line, error: 'No command specified' };
  return line;
}
