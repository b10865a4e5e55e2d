// The explicit list of tools. Each loads lazily so `wdksim --version` and a
// one-off `wdksim infverif x.inf` pay only for what they use.
import type { CommandEntry } from './types.js';

export const commands: CommandEntry[] = [
  { name: 'inf', mirrors: '-', summary: 'inf parse FILE [--json]: print the parsed INF document', load: () => import('./inf.js') },
];

export function findCommand(name: string): CommandEntry | undefined {
  const lower = name.toLowerCase();
  return commands.find((c) => c.name === lower);
}
