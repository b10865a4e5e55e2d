// `wdksim signtool sign|verify`: signtool's switch grammar (case-insensitive,
// `/` or `-`, values in the next argument), its output lines and exit codes
// (0 success, 1 failure, 2 warnings). Signing needs /f (PFX, or PEM with key and
// certificate): there is no certificate store. Trust for verify comes from
// /ca FILE (a wdksim switch) and WDKSIM_TRUSTED_CERTS (files separated by the
// platform's path delimiter), since there is no Windows root store.
import { readFile } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { readState, resolveTargetDir, STATE_FILE } from '../machine/index.js';
import { writeUserFile } from '../fs/host-write.js';
import {
  certificateInfo,
  IdentityError,
  loadCertificates,
  loadSigningIdentity,
  signBytes,
  verifyFileSignature,
  type CertificateInfo,
  type HashAlgorithm,
  type SignatureVerification,
  type SigningIdentity,
} from '../catalog/index.js';
import { exitCodeTables, SigntoolExit } from '../exit-codes.js';
import { describeFsError, WdksimError } from '../errors.js';
import { isPeFile, signPeFile } from '../catalog/pe-sign-file.js';
import type { Context } from '../io.js';
import { tokenizeSwitches, type SwitchTable } from '../switches.js';
import { readUserInput } from '../fs/read-input.js';

const HELP = `Usage: wdksim signtool <command> [options] FILES...

Commands:
  sign     Signs catalogs (.cat) and PE files (.sys, .dll, .exe) with an embedded Authenticode signature.
  verify   Verifies the signature of a file, or that a file is in a signed catalog.

sign options:
  /f FILE        the signing certificate: a PFX, or a PEM holding the private key and the certificate
  /p PASSWORD    the PFX password
  /fd ALG        file digest algorithm: sha256, sha1, or certHash (missing: a warning, then sha256)
  /d DESC        description of the signed content;  /du URL  a URL with more information
  /ac FILE       an additional certificate to add to the signature
  /ph            add page hashes to PE signatures (/nph: without)
  /v  verbose;  /q  quiet;  /debug  accepted
  /t /tr /td     timestamping is not available (no network): a warning, the file is signed without it

verify options:
  /pa            use the Default Authenticode verification policy (wdksim uses it always)
  /c CATALOG     verify that FILE's hash is in CATALOG and CATALOG's signature is trusted
  /a             look for a catalog beside FILE when FILE has no embedded signature
  /ca FILE       wdksim: trust this certificate (.cer, .pem, or .pfx); may be repeated
  /v  verbose;  /q  quiet
Trusted certificates also come from WDKSIM_TRUSTED_CERTS (file paths separated by "${delimiter}")
and from the Root store of the simulated target (--target DIR, WDKSIM_TARGET, or ./wdksim-target).

${exitCodeTables.signtool}
`;

interface Switches {
  values: Map<string, string[]>;
  flags: Set<string>;
  files: string[];
}

// Each subcommand's switches: values come in the next argument, flags stand alone.
const switchTable = (values: string[], flags: string[]): SwitchTable => ({
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- fromEntries over a union of const tuples types as any; SwitchTable checks the result
  switches: Object.fromEntries([...values.map((n) => [n, { value: 'next' }] as const), ...flags.map((n) => [n, { value: 'none' }] as const)]),
  switchShape: /^[/-]([A-Za-z0-9]+)$/,
});
const SIGN_SWITCHES = switchTable(
  ['f', 'p', 'fd', 'd', 'du', 'ac', 't', 'tr', 'td', 'n', 'i', 'r', 's', 'sha1', 'csp', 'kc', 'u', 'c'],
  ['v', 'q', 'debug', 'a', 'sm', 'ph', 'nph', 'as', 'uw', 'seal', 'itos', 'force', 'nosealwarn'],
);
const VERIFY_SWITCHES = switchTable(
  ['c', 'ca', 'd', 'o', 'r', 'u', 'hash', 'ds', 'p7', 'sl'],
  ['v', 'q', 'debug', 'pa', 'pg', 'kp', 'a', 'ad', 'as', 'ag', 'all', 'ms', 'tw', 'ph', 'bp', 'enclave'],
);

class SigntoolUsage extends Error {}

function parseSwitches(argv: string[], table: SwitchTable): Switches {
  const out: Switches = { values: new Map(), flags: new Set(), files: [] };
  for (const token of tokenizeSwitches(argv, table)) {
    if (token.kind === 'missing-value') throw new SigntoolUsage(`Missing parameter for option: ${token.raw}`);
    if (token.kind === 'switch' && token.value !== undefined) out.values.set(token.name, [...(out.values.get(token.name) ?? []), token.value]);
    else if (token.kind === 'switch') out.flags.add(token.name);
    // A POSIX absolute path (/tmp/x.sys) is a file, not an unknown switch; a `-` word is not.
    else if (token.kind === 'unknown' || token.raw.startsWith('-')) throw new SigntoolUsage(`Invalid option: ${token.raw}`);
    else out.files.push(token.raw);
  }
  return out;
}

const one = (s: Switches, name: string): string | undefined => s.values.get(name)?.at(-1);

function error(ctx: Context, text: string): void {
  ctx.io.stderr(`SignTool Error: ${text}\n`);
}

function digestOf(value: string | undefined): HashAlgorithm | 'certHash' | undefined {
  if (value === undefined) return 'sha256';
  const v = value.toLowerCase();
  if (v === 'sha256' || v === 'sha1') return v;
  if (v === 'certhash') return 'certHash';
  return undefined;
}

/** A subcommand's switches, or undefined after signtool's "Missing filename." when no file is named. */
function parseWithFiles(argv: string[], table: SwitchTable, ctx: Context): Switches | undefined {
  const s = parseSwitches(argv, table);
  if (s.files.length > 0) return s;
  error(ctx, 'Missing filename.');
  return undefined;
}

async function sign(argv: string[], ctx: Context): Promise<number> {
  const s = parseWithFiles(argv, SIGN_SWITCHES, ctx);
  if (!s) return SigntoolExit.error;
  const quiet = s.flags.has('q');
  const verbose = s.flags.has('v');
  const fd = digestOf(one(s, 'fd'));
  if (!fd) {
    error(ctx, `Invalid digest algorithm for /fd: ${one(s, 'fd')} (use sha256 or sha1).`);
    return SigntoolExit.error;
  }
  const pfx = one(s, 'f');
  if (!pfx) {
    // No certificate store here: /a, /n, /sha1 selection has nothing to select from.
    error(ctx, 'No certificates were found that met all the given criteria. (wdksim has no certificate store: pass /f FILE.pfx)');
    return SigntoolExit.error;
  }
  let identity: SigningIdentity;
  const pfxPath = resolve(ctx.io.cwd, pfx);
  try {
    identity = loadSigningIdentity(await readFile(pfxPath), one(s, 'p') ?? '');
  } catch (e) {
    if (e instanceof IdentityError) error(ctx, e.message.startsWith('The specified') ? e.message : `${pfx}: ${e.message}`);
    else error(ctx, `File not found: ${pfx}`);
    return SigntoolExit.error;
  }
  for (const extra of s.values.get('ac') ?? []) {
    try {
      identity.chain.push(...loadCertificates(await readFile(resolve(ctx.io.cwd, extra))));
    } catch {
      error(ctx, `Could not read the additional certificate: ${extra}`);
      return SigntoolExit.error;
    }
  }
  const digest: HashAlgorithm = fd === 'certHash' ? 'sha256' : fd;
  if (one(s, 'fd') === undefined) {
    // SDK builds 20236+ document a warning with exit code 0 here (later builds make it an
    // error); wdksim warns and uses SHA-256, the documented recommendation.
    ctx.io.stderr(
      'SignTool Warning: No file digest algorithm specified. Please specify the digest algorithm with the /fd flag. Using /fd SHA256 is recommended and more secure than SHA1; wdksim uses SHA256.\n',
    );
  }
  let warnings = 0;
  let errors = 0;
  let signed = 0;
  const out: string[] = [];
  if (verbose) out.push('The following certificate was selected:', ...certLines(identity), '');
  if (!quiet) out.push('Done Adding Additional Store');
  if (s.values.has('t') || s.values.has('tr')) {
    ctx.io.stderr('SignTool Warning: timestamping is not available in wdksim (no network); files are signed without a timestamp.\n');
    warnings++;
  }
  const pageHashes = s.flags.has('ph') && !s.flags.has('nph');
  for (const file of s.files) {
    const path = resolve(ctx.io.cwd, file);
    // A file is signed in place: a FIFO, socket or device is refused, never opened (opening a FIFO would block
    // until a writer came, and no signal could stop it).
    const kind = await stat(path).catch(() => undefined);
    if (kind && !kind.isFile() && !kind.isDirectory()) {
      error(ctx, `An error occurred while attempting to sign: ${file} (not a regular file (a FIFO, socket or device file); refused, it is never opened)`);
      errors++;
      continue;
    }
    // A PE image is signed streaming (any size, flat memory); catalogs and /ph read the file whole.
    if (!pageHashes && (await isPeFile(path).catch(() => false))) {
      try {
        await signPeFile(path, identity, { digest, description: one(s, 'd'), url: one(s, 'du') });
      } catch (e) {
        error(ctx, `An error occurred while attempting to sign: ${file} (${describeFsError(e, file)})`);
        errors++;
        continue;
      }
      signed++;
      if (!quiet) out.push(`Successfully signed: ${file}`);
      continue;
    }
    const bytes = await readInput(ctx, path, file);
    if (!bytes) {
      errors++;
      continue;
    }
    const result = signBytes(bytes, identity, { digest, description: one(s, 'd'), url: one(s, 'du'), pageHashes });
    if (!result.signed) {
      error(ctx, 'This file format cannot be signed because it is not recognized.');
      error(ctx, `An error occurred while attempting to sign: ${file}`);
      errors++;
      continue;
    }
    try {
      await writeUserFile(path, result.signed);
    } catch {
      error(ctx, `An error occurred while attempting to sign: ${file} (the file could not be written)`);
      errors++;
      continue;
    }
    signed++;
    if (!quiet) out.push(`Successfully signed: ${file}`);
  }
  if (!quiet || errors) {
    out.push('', `Number of files successfully Signed: ${signed}`, `Number of warnings: ${warnings}`, `Number of errors: ${errors}`);
  }
  if (out.length) ctx.io.stdout(`${out.join('\n')}\n`);
  return errors ? SigntoolExit.error : warnings ? SigntoolExit.warning : SigntoolExit.ok;
}

function certLines(identity: SigningIdentity): string[] {
  const c = certificateInfo(identity.certificate);
  return [`    Issued to: ${c.subjectCommonName}`, `    Issued by: ${c.issuerCommonName}`, `    Expires:   ${formatExpiry(c.notAfter)}`, `    SHA1 hash: ${c.sha1Thumbprint}`];
}

function formatExpiry(d: Date): string {
  return d.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, '$1 $3 $2 $5 $4');
}

function chainLines(chain: CertificateInfo[]): string[] {
  const out = ['Signing Certificate Chain:'];
  [...chain].reverse().forEach((c, i) => {
    const pad = '    '.repeat(i + 1);
    out.push(
      `${pad}Issued to: ${c.subjectCommonName}`,
      `${pad}Issued by: ${c.issuerCommonName}`,
      `${pad}Expires:   ${formatExpiry(c.notAfter)}`,
      `${pad}SHA1 hash: ${c.sha1Thumbprint}`,
      '',
    );
  });
  return out;
}

/**
 * Trust anchors: /ca files, WDKSIM_TRUSTED_CERTS, and the Root store of the
 * simulated target machine (as Windows uses the machine's Root store) when
 * --target/WDKSIM_TARGET names one or ./wdksim-target exists.
 */
async function trustedCertificates(s: Switches, ctx: Context): Promise<Buffer[]> {
  const files = [...(s.values.get('ca') ?? []), ...(ctx.io.env.WDKSIM_TRUSTED_CERTS ?? '').split(delimiter).filter(Boolean)];
  const out: Buffer[] = [];
  const explicitTarget = ctx.target !== undefined || ctx.io.env.WDKSIM_TARGET !== undefined;
  const root = resolveTargetDir(ctx);
  if (explicitTarget || (await isFile(join(root, STATE_FILE)))) {
    const state = await readState(root);
    out.push(...state.certificates.Root.map((c) => Buffer.from(c.der, 'base64')));
  }
  for (const f of files) {
    try {
      out.push(...loadCertificates(await readFile(resolve(ctx.io.cwd, f))));
    } catch {
      throw new SigntoolUsage(`Could not read the trusted certificate file: ${f}`);
    }
  }
  return out;
}

const WINTRUST: Partial<Record<SignatureVerification['status'], string>> = {
  'digest-mismatch': 'WinVerifyTrust returned error: 0x80096010\n\tThe digital signature of the object did not verify.',
  'bad-signature': 'WinVerifyTrust returned error: 0x80096010\n\tThe digital signature of the object did not verify.',
  'untrusted-root': 'A certificate chain processed, but terminated in a root\n\tcertificate which is not trusted by the trust provider.',
  expired:
    'WinVerifyTrust returned error: 0x800B0101\n\tA required certificate is not within its validity period when verifying against\n\tthe current system clock or the timestamp in the signed file.',
  'not-code-signing': 'WinVerifyTrust returned error: 0x800B0110\n\tThe certificate is not valid for the requested usage.',
  unsigned: 'No signature found.',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function verify(argv: string[], ctx: Context): Promise<number> {
  const s = parseWithFiles(argv, VERIFY_SWITCHES, ctx);
  if (!s) return SigntoolExit.error;
  const quiet = s.flags.has('q');
  const verbose = s.flags.has('v');
  const trust = { trusted: await trustedCertificates(s, ctx), now: ctx.clock.now() };
  const catalogArg = one(s, 'c');
  let verified = 0;
  let errors = 0;
  const print = (line: string) => void (quiet ? undefined : ctx.io.stdout(`${line}\n`));
  for (const file of s.files) {
    const path = resolve(ctx.io.cwd, file);
    const bytes = await readInput(ctx, path, file);
    if (!bytes) {
      errors++;
      continue;
    }
    // signtool: "Verifying:" with /v, else the File/Index/Algorithm/Timestamp table.
    if (verbose) print(`Verifying: ${file}`);
    else print(`File: ${file}\nIndex  Algorithm  Timestamp    \n========================================`);
    let verification: Awaited<ReturnType<typeof verifyFileSignature>>;
    try {
      verification = await verifyFileSignature(path, bytes, { ...(catalogArg ? { catalog: resolve(ctx.io.cwd, catalogArg) } : {}), catalogsBeside: s.flags.has('a'), trust });
    } catch (e) {
      // A damaged (bit-flipped) signature or certificate the parsers cannot read is a failed
      // verification, as WinVerifyTrust reports it (CRYPT_E_ASN1_BADTAG), not a crash.
      if (e instanceof WdksimError) throw e;
      error(
        ctx,
        `WinVerifyTrust returned error: 0x8009310B\n\tASN1 bad tag value met. (the signature or a certificate in it is damaged: ${e instanceof Error ? e.message : String(e)})`,
      );
      print('');
      errors++;
      continue;
    }
    if (!verification.ok) {
      if (verification.failure === 'unrecognized') error(ctx, 'This file format cannot be verified because it is not recognized.');
      else if (verification.failure === 'catalog-unreadable') error(ctx, `The catalog ${catalogArg} could not be read: ${verification.message}`);
      else {
        error(ctx, `The file is not in the specified catalog (its hash was not found in ${catalogArg}).`);
        print('');
      }
      errors++;
      continue;
    }
    const { result, catalog: catalogUsed, fileHash } = verification;
    const hashLine = fileHash ? `Hash of file (${fileHash.algorithm}): ${fileHash.digest.toString('hex').toUpperCase()}` : undefined;
    if (verbose && catalogUsed) print(`File is signed in catalog: ${catalogUsed}`);
    if (verbose && result.chain.length) {
      print('');
      print('Signature Index: 0 (Primary Signature)');
      if (hashLine) print(hashLine);
      print('');
      for (const line of chainLines(result.chain)) print(line);
      print('File is not timestamped.');
      print('');
    }
    if (!verbose && result.status !== 'unsigned' && result.digestAlgorithm) print(`0      ${result.digestAlgorithm.padEnd(11)}None         \n`);
    if (!result.ok) {
      error(ctx, WINTRUST[result.status] ?? result.message);
      print('');
      errors++;
      continue;
    }
    verified++;
    print(`Successfully verified: ${file}`);
    print('');
  }
  if (!quiet || errors) {
    const lines =
      verbose || s.files.length > 1
        ? [`Number of files successfully Verified: ${verified}`, 'Number of warnings: 0', `Number of errors: ${errors}`]
        : errors
          ? [`Number of errors: ${errors}`]
          : [];
    if (lines.length) ctx.io.stdout(`${lines.join('\n')}\n`);
  }
  return errors ? SigntoolExit.error : SigntoolExit.ok;
}

/** A file to sign or verify, or undefined after signtool's "File not found" error. */
async function readInput(ctx: Context, path: string, shown: string): Promise<Buffer | undefined> {
  try {
    return await readUserInput(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Only a missing file is "File not found"; anything else says what went wrong.
    if (code === 'ENOENT') error(ctx, `File not found: ${shown}`);
    else if (code === 'ERR_FS_FILE_TOO_LARGE' || e instanceof RangeError)
      error(ctx, `${shown}: too large to read whole (over 2 GiB) and not a PE image that can be signed streaming`);
    else error(ctx, describeFsError(e, shown));
    return undefined;
  }
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      error(ctx, 'A required parameter is missing.');
      ctx.io.stderr('Usage: signtool <command> [options]\n\nRun "wdksim signtool /?" for the commands and options.\n');
      return SigntoolExit.error;
    }
    const lower = command.toLowerCase();
    if (['/?', '-?', '/h', '-h', '--help', 'help'].includes(lower)) {
      ctx.io.stdout(HELP);
      return SigntoolExit.ok;
    }
    if (rest.some((a) => a === '/?' || a === '-?' || a === '--help')) {
      ctx.io.stdout(HELP);
      return SigntoolExit.ok;
    }
    if (lower === 'sign') return await sign(rest, ctx);
    if (lower === 'verify') return await verify(rest, ctx);
    if (['timestamp', 'catdb', 'remove'].includes(lower)) {
      error(ctx, `The "${command}" command is not available in wdksim (sign and verify are).`);
      return SigntoolExit.error;
    }
    error(ctx, `Invalid command: ${command}`);
    ctx.io.stderr('Usage: signtool <command> [options]\n\nValid commands: sign, verify\n');
    return SigntoolExit.error;
  } catch (e) {
    if (e instanceof SigntoolUsage) {
      error(ctx, e.message);
      ctx.io.stderr('For more information, run "wdksim signtool /?".\n');
      return SigntoolExit.error;
    }
    throw e;
  }
}
