// devcon's command line (devcon.cpp _tmain): leading -r, -f, -u and
// -m:<machine> switches (either `-` or `/`, any case), then the command, which
// may itself carry one `-` or `/` prefix. Any other switch-looking token (or a
// switch given differently, such as `-m:` or `-r:x`) ends the switches and is
// taken as the command; what follows it (hardware IDs, `=class`, `@instance`,
// INF paths) is the command's, read by the PnP engine's selection.
import { tokenizeSwitches, type SwitchTable } from '../switches.js';

export interface DevconLine {
  reboot: boolean;
  force: boolean;
  unicode: boolean;
  machine?: string;
  /** The command as typed, without its optional `-`/`/` prefix; undefined when missing. */
  command?: string;
  args: string[];
  /** `--json` given anywhere (wdksim's addition; devcon has no such switch). */
  json: boolean;
}

const SWITCHES: SwitchTable = {
  switches: { r: {}, f: {}, u: {}, m: { value: 'colon' } },
  optionsFirst: true,
};

export function parseDevconLine(argv: readonly string[]): DevconLine {
  const json = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
  const line: DevconLine = { reboot: false, force: false, unicode: false, args: [], json };
  const words: string[] = [];
  for (const token of tokenizeSwitches(rest, SWITCHES)) {
    if (token.kind === 'word') words.push(token.raw);
    else if (token.kind !== 'switch')
      continue; // optionsFirst: everything else is a word
    else if (token.name === 'm') line.machine = token.value!;
    else if (token.name === 'r') line.reboot = true;
    else if (token.name === 'f') line.force = true;
    else line.unicode = true;
  }
  const [cmd, ...args] = words;
  if (cmd === undefined) return line;
  line.command = cmd.startsWith('-') || cmd.startsWith('/') ? cmd.slice(1) : cmd;
  line.args = args;
  return line;
}
