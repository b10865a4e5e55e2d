// `wdksim cert new`: a makecert-style self-signed code-signing test certificate
// (`makecert -r -pe -ss PrivateCertStore -n CN=... -eku 1.3.6.1.5.5.7.3.3`),
// written as NAME.cer (DER) and NAME.pfx (PKCS#12, empty password unless given).
import { access, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { certificateInfo, createTestCertificate } from '../catalog/index.js';
import { InputError, UsageError, describeFsError } from '../errors.js';
import { exitCodeTables, LintExit } from '../exit-codes.js';
import type { Context } from '../io.js';

const HELP = `Usage: wdksim cert new [--subject "CN=WDKTestCert <user>,<number>"] [--out DIR] [--days N]
                     [--password P] [--name NAME] [--pem] [--force]

Creates a self-signed test certificate for test-signing drivers, as makecert
-r -pe -n CN=... -eku 1.3.6.1.5.5.7.3.3 (or Visual Studio's "WDKTestCert") makes it:
X.509 v3, RSA 2048, SHA-256, enhanced key usage Code Signing.

  --subject DN   subject = issuer (default "CN=WDKTestCert <user>,<number>", as Visual Studio
                 names it: the user from USER/USERNAME, the number from the clock)
  --out DIR      folder for the files (default: the current folder)
  --days N       validity in days from now (default: until 12/31/2039, makecert's default)
  --password P   PFX password (default: empty)
  --name NAME    file name without extension (default WDKTestCert)
  --pem          also write NAME.pem holding the private key and the certificate
  --force        overwrite existing files

Trust it for "wdksim signtool verify" with /ca NAME.cer (or WDKSIM_TRUSTED_CERTS).

${exitCodeTables.cert}
`;

interface Options {
  subject?: string;
  out?: string;
  days?: number;
  password?: string;
  name: string;
  pem: boolean;
  force: boolean;
}

const VALUE = new Set(['--subject', '--out', '--days', '--password', '--name']);

function parse(argv: string[]): Options {
  const o: Options = { name: 'WDKTestCert', pem: false, force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE.has(flag)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`cert new: ${flag} needs a value`);
      if (flag === '--subject') o.subject = value;
      else if (flag === '--out') o.out = value;
      else if (flag === '--password') o.password = value;
      else if (flag === '--name') {
        if (!value || /[\\/:*?"<>|]/.test(value)) throw new UsageError(`cert new: --name "${value}" is not a valid file name`);
        o.name = value;
      } else {
        const days = Number(value);
        if (!Number.isInteger(days) || days <= 0 || days > 36500) throw new UsageError(`cert new: --days "${value}" must be a whole number of days between 1 and 36500`);
        o.days = days;
      }
    } else if (flag === '--pem') o.pem = true;
    else if (flag === '--force') o.force = true;
    else throw new UsageError(`cert new: unknown argument "${arg}"; run "wdksim cert --help"`);
  }
  return o;
}

/** Visual Studio's default: "WDKTestCert <user>,<FILETIME of creation>". */
function defaultSubject(ctx: Context, now: Date): string {
  const user = ctx.io.env.USERNAME || ctx.io.env.USER || 'user';
  const filetime = BigInt(now.getTime()) * 10_000n + 116_444_736_000_000_000n;
  return `CN=WDKTestCert ${user},${filetime}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    ctx.io.stdout(HELP);
    return sub === undefined ? LintExit.usage : LintExit.ok;
  }
  if (sub !== 'new') throw new UsageError(`cert: unknown subcommand "${sub}"; the only one is "new" (run "wdksim cert --help")`);
  if (rest.includes('--help') || rest.includes('-h')) {
    ctx.io.stdout(HELP);
    return LintExit.ok;
  }
  const o = parse(rest);
  const now = ctx.clock.now();
  const subject = o.subject ?? defaultSubject(ctx, now);
  const makecertEnd = new Date('2039-12-31T23:59:59Z');
  const days = o.days ?? Math.max(1, (makecertEnd.getTime() - now.getTime()) / 86_400_000);
  let cert;
  try {
    cert = createTestCertificate({ subject, days, now, password: o.password ?? '', friendlyName: o.name });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`cert new: --subject: ${error.message}`);
    throw error;
  }
  const dir = resolve(ctx.io.cwd, o.out ?? '.');
  const files = [
    { path: join(dir, `${o.name}.cer`), data: cert.certDer },
    { path: join(dir, `${o.name}.pfx`), data: cert.pfx },
    ...(o.pem ? [{ path: join(dir, `${o.name}.pem`), data: Buffer.from(cert.keyPem + cert.certPem) }] : []),
  ];
  if (!o.force) {
    for (const f of files) if (await exists(f.path)) throw new UsageError(`cert new: ${f.path} already exists; pass --force to overwrite it or --name for another name`);
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new InputError(describeFsError(error, dir), LintExit.errors);
  }
  for (const f of files) {
    try {
      await writeFileAtomic(f.path, f.data, { mode: f.path.endsWith('.cer') ? 0o644 : 0o600 });
    } catch (error) {
      throw new InputError(describeFsError(error, f.path), LintExit.errors);
    }
  }
  const info = certificateInfo(cert.certDer);
  const day = (d: Date) => d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  ctx.io.stdout(
    [
      `Created test certificate: ${info.subjectCommonName}`,
      `  Subject:    ${subject}`,
      `  Thumbprint: ${info.sha1Thumbprint}`,
      `  Serial:     ${info.serialNumber}`,
      `  Valid:      ${day(info.notBefore)} to ${day(info.notAfter)}`,
      `  Usage:      Code Signing (1.3.6.1.5.5.7.3.3)`,
      ...files.map((f) => `  Wrote:      ${f.path}`),
      `  PFX password: ${o.password ? '(as given)' : '(none)'}`,
      '',
    ].join('\n'),
  );
  return LintExit.ok;
}
