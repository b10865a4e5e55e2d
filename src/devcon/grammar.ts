// devcon's command line (devcon.cpp _tmain): leading -r, -f, -u and
// -m:<machine> switches (either `-` or `/`, any case), then the command, which
// may itself carry one `-` or `/` prefix. Any other switch-looking token ends
// the switches and is taken as the command.
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

export function parseDevconLine(argv: readonly string[]): DevconLine {
  const json = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
  const line: DevconLine = { reboot: false, force: false, unicode: false, args: [], json };
  let i = 0;
  for (; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg[0] !== '-' && arg[0] !== '/') break;
    const letter = arg.charAt(1).toLowerCase();
    if (letter === 'm') {
      if (arg.charAt(2) !== ':' || arg.length < 4) break;
      line.machine = arg.slice(3);
    } else if (letter === 'r' && arg.length === 2) {
      line.reboot = true;
    } else if (letter === 'f' && arg.length === 2) {
      line.force = true;
    } else if (letter === 'u' && arg.length === 2) {
      line.unicode = true;
    } else {
      break;
    }
  }
  if (i >= rest.length) return line;
  let cmd = rest[i]!;
  if (cmd.startsWith('-') || cmd.startsWith('/')) cmd = cmd.slice(1);
  line.command = cmd;
  line.args = rest.slice(i + 1);
  return line;
}
