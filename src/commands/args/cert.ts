// `wdksim cert new` options (commander; see ./gnu.ts).
import { Option } from 'commander';
import * as z from 'zod';
import { UsageError } from '../../errors.js';
import { exitCodeTables } from '../../exit-codes.js';
import { gnuProgram, parseGnu, zodValue } from './gnu.js';

export interface CertOptions {
  subject?: string;
  out?: string;
  days?: number;
  password?: string;
  name: string;
  pem: boolean;
  force: boolean;
}

const days = zodValue(z.coerce.number().int().min(1).max(36500), (v) => `cert new: --days "${v}" must be a whole number of days between 1 and 36500`);

function fileName(value: string): string {
  if (!value || /[\\/:*?"<>|]/.test(value)) throw new UsageError(`cert new: --name "${value}" is not a valid file name`);
  return value;
}

function program() {
  return gnuProgram('wdksim cert new')
    .description(
      `Creates a self-signed test certificate for test-signing drivers, as makecert
-r -pe -n CN=... -eku 1.3.6.1.5.5.7.3.3 (or Visual Studio's "WDKTestCert") makes it:
X.509 v3, RSA 2048, SHA-256, enhanced key usage Code Signing.`,
    )
    .option('--subject <dn>', 'subject = issuer (default "CN=WDKTestCert <user>,<number>", as Visual Studio names it: the user from USER/USERNAME, the number from the clock)')
    .option('--out <dir>', 'folder for the files (default: the current folder)')
    .addOption(new Option('--days <n>', "validity in days from now (default: until 12/31/2039, makecert's default)").argParser(days))
    .option('--password <p>', 'PFX password (default: empty)')
    .addOption(new Option('--name <name>', 'file name without extension (default WDKTestCert)').argParser(fileName))
    .option('--pem', 'also write NAME.pem holding the private key and the certificate')
    .option('--force', 'overwrite existing files')
    .addHelpText(
      'after',
      `
Trust it for "wdksim signtool verify" with /ca NAME.cer (or WDKSIM_TRUSTED_CERTS).

${exitCodeTables.cert}`,
    );
}

/** The help of `wdksim cert` (and `cert new`). */
export function certHelp(): string {
  return (parseGnu(program(), ['--help'], { unknown: String, missing: String }) as { help: string }).help;
}

/** `cert new`'s arguments (after `new`); the help text instead for -h/--help. */
export function parseCertNewArgs(argv: readonly string[]): CertOptions | { help: string } {
  const parsed = parseGnu(program(), argv, {
    unknown: (arg) => `cert new: unknown argument "${arg}"; run "wdksim cert --help"`,
    missing: (flag) => `cert new: ${flag} needs a value`,
    // A word where an option was expected: the old text named it as an unknown argument.
    other: (text) => `cert new: ${text}; run "wdksim cert --help"`,
  });
  if (parsed.help !== undefined) return { help: parsed.help };
  if (parsed.args.length) throw new UsageError(`cert new: unknown argument "${parsed.args[0]}"; run "wdksim cert --help"`);
  const o = parsed.opts as Partial<CertOptions>;
  return {
    name: o.name ?? 'WDKTestCert',
    pem: Boolean(o.pem),
    force: Boolean(o.force),
    ...(o.subject !== undefined ? { subject: o.subject } : {}),
    ...(o.out !== undefined ? { out: o.out } : {}),
    ...(o.days !== undefined ? { days: o.days } : {}),
    ...(o.password !== undefined ? { password: o.password } : {}),
  };
}
