// The test certificate a driver build signs with. Visual Studio makes one per
// project the first time it test-signs ("WDKTestCert <user>,<number>", kept in
// the PrivateCertStore and exported as $(OutDir)<ProjectName>.cer) and reuses
// it afterwards; wdksim keeps it as <ProjectName>.pfx beside the .cer.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestCertificate, loadSigningIdentity, wdkTestCertNotAfter, type SigningIdentity } from '../catalog/index.js';
import { InputError, describeFsError } from '../errors.js';
import type { ProjectSettings } from '../project/settings.js';
import type { Clock } from '../time/clock.js';

export interface BuildCertificate {
  identity: SigningIdentity;
  /** The signing file (.pfx or .pem). */
  signingFile: string;
  /** The certificate to ship in the package (.cer, DER). */
  cerFile: string;
  /** Made by this build (else reused or named by the project). */
  created: boolean;
  subject?: string;
}

function read(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new InputError(`TestCertificate: ${describeFsError(error, path)}`);
  }
}

function loadIdentity(path: string): SigningIdentity {
  try {
    return loadSigningIdentity(read(path));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`TestCertificate ${path}: ${(error as Error).message}`);
  }
}

/** The 18-digit number Visual Studio puts after the user name (a FILETIME: 100 ns ticks since 1601). */
function fileTime(date: Date): string {
  return (BigInt(date.getTime()) * 10_000n + 116_444_736_000_000_000n).toString();
}

/** `write`: the build's output-folder writer (no link followed, no hard link written through). */
export async function ensureTestCertificate(
  settings: ProjectSettings,
  clock: Clock,
  env: Record<string, string | undefined>,
  write: (path: string, bytes: Buffer) => Promise<void>,
): Promise<BuildCertificate> {
  const named = settings.sign.testCertificate;
  if (named) {
    // A .cer names its key file beside it (same name, .pfx), as an exported VS test certificate does.
    const signingFile = /\.cer$/i.test(named) ? named.replace(/\.cer$/i, '.pfx') : named;
    if (!existsSync(signingFile))
      throw new InputError(
        `TestCertificate ${named}: ${signingFile} (the certificate with its private key) does not exist; export it as a .pfx or make one with "wdksim cert new"`,
      );
    const identity = loadIdentity(signingFile);
    let cerFile = /\.cer$/i.test(named) ? named : named.replace(/\.(pfx|p12|pem)$/i, '.cer');
    if (!existsSync(cerFile)) {
      cerFile = join(settings.outDir, `${settings.projectName}.cer`);
      await write(cerFile, identity.certificate);
    }
    return { identity, signingFile, cerFile, created: false };
  }
  const signingFile = join(settings.outDir, `${settings.projectName}.pfx`);
  const cerFile = join(settings.outDir, `${settings.projectName}.cer`);
  if (existsSync(signingFile)) {
    const identity = loadIdentity(signingFile);
    if (!existsSync(cerFile)) await write(cerFile, identity.certificate);
    return { identity, signingFile, cerFile, created: false };
  }
  const user = env.USERNAME || env.USER || 'wdksim';
  const subject = `CN=WDKTestCert ${user},${fileTime(clock.now())}`;
  const cert = createTestCertificate({ subject, days: 3650, notAfter: wdkTestCertNotAfter(clock.now()), now: clock.now(), friendlyName: `WDKTestCert ${user}` });
  await write(signingFile, cert.pfx);
  await write(cerFile, cert.certDer);
  return { identity: loadSigningIdentity(cert.pfx), signingFile, cerFile, created: true, subject };
}
