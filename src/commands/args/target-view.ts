// `wdksim target snapshot|diff|report` options (commander; see ./gnu.ts). The three
// share one parse: an option a view does not use is still taken (hidden from its help),
// as it was before commander, and target-view.ts says what each view does with it.
import { Option, type Command } from 'commander';
import { UsageError } from '../../errors.js';
import { gnuProgram, parseGnu } from './gnu.js';

export type TargetView = 'snapshot' | 'diff' | 'report';

export interface TargetViewArgs {
  positional: string[];
  json: boolean;
  html?: string;
  since?: string;
  force: boolean;
  exitCode: boolean;
}

const html = () => new Option('--html <file>', 'also write it as one self-contained HTML page (- for stdout)');
const since = () => new Option('--since <snapshot>', 'compare the snapshot with the target as it is now');
const force = () => new Option('--force', 'replace an existing snapshot of that name');
const exitCode = () => new Option('--exit-code', 'exit 1 when there are differences (as git diff --exit-code)');
const json = (what: string) => new Option('--json', `print ${what} as one JSON document`);

function program(view: TargetView): Command {
  const p = gnuProgram(`wdksim target ${view}`);
  switch (view) {
    case 'snapshot':
      return p
        .usage('NAME [--force] [--json]')
        .description(
          "Stores the target's state and the SHA-256 of every file under it as snapshot NAME (in\n<target>/.wdksim/snapshots/NAME.json), to compare later with wdksim target diff --since NAME.",
        )
        .addOption(force())
        .addOption(json('the snapshot taken'))
        .addOption(html().hideHelp())
        .addOption(since().hideHelp())
        .addOption(exitCode().hideHelp())
        .addHelpText('after', '\nExit codes: 0 snapshot stored, 2 bad command line, no target, or NAME exists.');
    case 'diff':
      return p
        .usage('BEFORE AFTER [--json] [--html FILE] [--exit-code]\n       wdksim target diff --since SNAPSHOT [--json] [--html FILE] [--exit-code]')
        .description(
          [
            'Lists what changed between two states of a target: files added, removed or changed (with',
            'SHA-256), registry keys and values, services, devices and their drivers, driver store entries,',
            'boot settings and certificates. BEFORE and AFTER are target directories or snapshot names of',
            'the target (--target, WDKSIM_TARGET, ./wdksim-target).',
          ].join('\n'),
        )
        .addOption(json('the diff'))
        .addOption(html())
        .addOption(since())
        .addOption(exitCode())
        .addOption(force().hideHelp())
        .addHelpText('after', '\nExit codes: 0 done (with --exit-code: no differences), 1 differences (--exit-code only), 2 bad command line, missing target or snapshot.');
    case 'report':
      return p
        .usage('[--json] [--html FILE]')
        .description(
          [
            'Shows the simulated machine as Device Manager does: devices by type with their status and',
            "problem codes, each device's driver (INF, date, version, signer), the driver store, services,",
            'boot settings (test signing, kernel debugging) and the certificate stores. --html writes one',
            'self-contained page (no scripts, no network) that any browser opens from disk.',
          ].join('\n'),
        )
        .addOption(json('the report'))
        .addOption(html())
        .addOption(since().hideHelp())
        .addOption(force().hideHelp())
        .addOption(exitCode().hideHelp())
        .addHelpText('after', '\nExit codes: 0 report written, 2 bad command line or no target.');
  }
}

/** A view's arguments (after its name); the help text instead for -h, --help or /?. */
export function parseTargetViewArgs(view: TargetView, argv: readonly string[]): TargetViewArgs | { help: string } {
  const see = `(see wdksim target ${view} --help)`;
  const missing = (flag: string) => `wdksim target ${view}: ${flag} needs a value ${see}`;
  // A value that is itself an option (`--html --json`) is taken for a forgotten value, not a file name.
  argv.forEach((arg, i) => {
    if ((arg === '--html' || arg === '--since') && argv[i + 1]?.startsWith('--')) throw new UsageError(missing(arg));
  });
  const parsed = parseGnu(
    program(view),
    argv.map((a) => (a === '/?' ? '--help' : a)),
    { unknown: (arg) => `wdksim target ${view}: unknown option ${arg} ${see}`, missing },
  );
  if (parsed.help !== undefined) return { help: parsed.help };
  const o = parsed.opts as { json?: boolean; html?: string; since?: string; force?: boolean; exitCode?: boolean };
  return {
    positional: parsed.args,
    json: Boolean(o.json),
    force: Boolean(o.force),
    exitCode: Boolean(o.exitCode),
    ...(o.html !== undefined ? { html: o.html } : {}),
    ...(o.since !== undefined ? { since: o.since } : {}),
  };
}
