// `wdksim cert new`: a makecert-style self-signed code-signing test certificate
// (`makecert -r -pe -ss PrivateCertStore -n CN=... -eku 1.3.6.1.5.5.7.3.3`),
// written as NAME.cer (DER) and NAME.pfx (PKCS#12, empty password unless given).
import { access } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { OutputFolder } from '../fs/host-write.js';
import { certificateInfo, createTestCertificate } from '../catalog/index.js';
import { InputError, UsageError, WdksimError, describeFsError } from '../errors.js';
import { LintExit } from '../exit-codes.js';
import { certHelp, parseCertNewArgs } from './args/cert.js';
import type { Context } from '../io.js';

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
    ctx.io.stdout(certHelp());
    return sub === undefined ? LintExit.usage : LintExit.ok;
  }
  if (sub !== 'new') throw new UsageError(`cert: unknown subcommand "${sub}"; the only one is "new" (run "wdksim cert --help")`);
  const o = parseCertNewArgs(rest);
  if ('help' in o) {
    ctx.io.stdout(o.help);
    return LintExit.ok;
  }
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
  // --out is the user's folder (made if missing); the file names in it are wdksim's: a link, hard link or
  // FIFO planted at one is refused, never written through (src/fs/host-write.ts).
  const folder = new OutputFolder(dir, 'the --out folder', (p) => relative(ctx.io.cwd, p) || '.');
  for (const f of files) {
    try {
      await folder.write(f.path, f.data, 'cert new', { mode: f.path.endsWith('.cer') ? 0o644 : 0o600 });
    } catch (error) {
      if (error instanceof WdksimError) throw error;
      throw new InputError(describeFsError(error, f.path), LintExit.errors);
    }
  }
  const info = certificateInfo(cert.certDer);
  const day = (d: Date) =>
    d
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC');
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
