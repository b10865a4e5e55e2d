// The rule set of one kit as text: `wdksim infverif --list-rules --wdk X` and
// `/code N`. Levels are the kit's (kits.ts); a code the kit lacks is not listed.
import type { InfRule } from './context.js';
import { type Kit, CODE_HISTORY, kitLevel, kitMeaning } from './kits.js';
import { KIT_SWITCHES, kitHasSwitch } from './kit-switches.js';
import type { Level, Mode } from './types.js';

const LETTER: Record<Level, string> = { error: 'E', warning: 'W', off: '-' };

function modesOf(kit: Kit): Mode[] {
  const h = KIT_SWITCHES.find((s) => s.name === 'h')!;
  return kitHasSwitch(h, kit) ? ['default', 'k', 'u', 'w', 'h'] : ['default', 'k', 'u', 'w'];
}

export function kitLevels(rule: InfRule, kit: Kit): Partial<Record<Mode, Level>> {
  const out: Partial<Record<Mode, Level>> = {};
  for (const mode of modesOf(kit)) out[mode] = kitLevel(rule.id, mode, rule.levels[mode], kit);
  return out;
}

/** Whether the kit reports the code in some mode. */
export function kitHasRule(rule: InfRule, kit: Kit): boolean {
  return Object.values(kitLevels(rule, kit)).some((l) => l !== 'off');
}

export function listRules(rules: readonly InfRule[], kit: Kit): string {
  const modes = modesOf(kit);
  const head = modes.map((m) => (m === 'default' ? 'none' : `/${m}`).padEnd(4)).join(' ');
  const listed = rules.filter((r) => r.id < '9000' && kitHasRule(r, kit));
  const lines = [
    `InfVerif rules of WDK ${kit.version} (${kit.release}): ${listed.length} codes`,
    `levels: E error, W warning, - not reported; a code marked * changed between kits (docs/infverif.md)`,
    '',
    `code  ${head}  name`,
  ];
  for (const rule of listed) {
    const l = kitLevels(rule, kit);
    const cells = modes.map((m) => LETTER[l[m]!].padEnd(4)).join(' ');
    const meant = { ...rule, ...kitMeaning(rule.id, kit) };
    lines.push(`${rule.id}${CODE_HISTORY[rule.id] ? '*' : ' '} ${cells}  ${meant.name}: ${meant.summary}`);
  }
  const own = rules.filter((r) => r.id >= '9000');
  lines.push('', `wdksim's own codes (not InfVerif's): ${own.map((r) => r.id).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export function describeRule(kitless: InfRule, kit: Kit): string {
  const rule = { ...kitless, ...kitMeaning(kitless.id, kit) };
  const l = kitLevels(rule, kit);
  const levels = (Object.keys(l) as Mode[]).map((m) => `${m === 'default' ? '(none)' : `/${m}`}: ${l[m]}`).join('; ');
  const history = CODE_HISTORY[rule.id];
  return [
    `Code ${rule.id} (${rule.name}), as InfVerif of WDK ${kit.version} has it`,
    '',
    `Message: ${rule.summary}`,
    `Fix: ${rule.fix}`,
    `Levels: ${levels}`,
    ...(history ? [`History: ${history.why}`] : []),
    `Docs: ${rule.docsUrl}`,
    '',
  ].join('\n');
}
