// Is this INF a build input that stampinf has not run on yet? MSBuild (and
// cargo-make for Rust drivers) stamps a driver project's INF (DriverVer,
// $ARCH$, the WDF version tokens, a CatalogFile when -c is given) before it runs
// InfVerif, so the findings people see in their build logs are those of the
// stamped file, with its line numbers: stampinf appends a missing DriverVer and
// CatalogFile to [Version], which moves every later line (echo_2.inx's
// [ClassInstall32] on line 26 is reported at 28, Windows-rust-driver-samples#14).
// wdksim infverif checks such a file the same way unless asked to check it as it
// is (--as-is).
import { basename } from 'node:path';
import type { InfDocument } from '../inf/document.js';
import { parseInf } from '../inf/parse.js';
import { encodeInf } from '../inf/decode.js';
import { stampInf } from '../stamp/index.js';
import { fixedClock } from '../time/clock.js';

const TOKEN = /\$(?:ARCH|KMDFVERSION|KMDFCOINSTALLERVERSION|UMDFVERSION|UMDFCOINSTALLERVERSION)\$/;

export function autoStampinf(doc: InfDocument): boolean {
  if (TOKEN.test(doc.text)) return true;
  const driverVer = doc.section('Version')?.find('DriverVer');
  return driverVer !== undefined && (driverVer.fields[0] ?? '').trim() === '';
}

/**
 * A UMDF 1 driver: its UmdfService install section names a DriverCLSID, which only UMDF 1 has.
 * Its project builds against UMDF 1.11 (the last UMDF 1), so the build stamps $UMDFVERSION$ as
 * 1.11 and InfVerif 10.0.26100 reports it deprecated ("UMDF version 1.11 has been deprecated",
 * frankmorgner/vsmartcard#321). A UMDF 2 minor version is the project's, unknown here: left as is.
 */
function umdf1(doc: InfDocument): boolean {
  return doc.sections.some((s) => s.find('DriverCLSID') !== undefined && s.find('UmdfLibraryVersion') !== undefined);
}

/**
 * The document as the build's stampinf leaves it (x64: $ARCH$ = amd64; the DriverVer value does
 * not matter, the build writes today's). undefined when stampinf would refuse the file.
 */
export function stampedForBuild(doc: InfDocument): InfDocument | undefined {
  const version = doc.section('Version');
  const hasCatalog = version?.entries.some((e) => /^catalogfile(\.|$)/i.test(e.key?.trim() ?? '')) ?? false;
  const name = basename(doc.file).replace(/\.(inf|inx)$/i, '') || 'driver';
  try {
    const stamped = stampInf(
      doc,
      {
        date: '01/01/2024',
        version: '1.0.0.0',
        arch: 'amd64',
        ...(hasCatalog ? {} : { catalog: `${name}.cat` }),
        env: {},
      },
      fixedClock('2024-01-01T00:00:00Z'),
    );
    if (!umdf1(doc)) return stamped.text === doc.text ? doc : parseInf(stamped.bytes, { file: doc.file });
    // Only the library version: $UMDFCOINSTALLERVERSION$ stays, so the rules still see the
    // co-installer lines the build's stampinf -x takes out (lib/framework-coinstaller.ts).
    const text = stamped.text.split('$UMDFVERSION$').join('1.11');
    const how = { encoding: doc.encoding, bom: doc.bom, ...(doc.trailingByte !== undefined ? { trailingByte: doc.trailingByte } : {}) };
    return parseInf(encodeInf(text, how), { file: doc.file });
  } catch {
    return undefined;
  }
}
