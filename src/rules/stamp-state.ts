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
import type { InfDocument, InfSection } from '../inf/document.js';
import { parseInfText } from '../inf/parse.js';
import { stampText } from '../stamp/stamp.js';
import { fixedClock, type Clock } from '../time/clock.js';

/** The build's clock (the DriverVer value does not matter): made once, on first use. */
let buildClock: Clock | undefined;

const TOKEN = /\$(?:ARCH|KMDFVERSION|KMDFCOINSTALLERVERSION|UMDFVERSION|UMDFCOINSTALLERVERSION)\$/;

/** Whether the text holds one of stampinf's tokens (so the INF is a build input whatever its DriverVer). */
export function hasStampToken(text: string): boolean {
  return TOKEN.test(text);
}

export function autoStampinf(doc: InfDocument): boolean {
  if (hasStampToken(doc.text)) return true;
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
  return doc.sections.some((s) => hasKey(s, 'driverclsid') && hasKey(s, 'umdflibraryversion'));
}

/**
 * section.find(key) !== undefined for a lower-case key, without substituting every key of the
 * document: a key with no `%` in it is its raw text, compared only when the lengths match.
 */
function hasKey(section: InfSection, lower: string): boolean {
  for (const e of section.entries) {
    const raw = e.keyToken?.value;
    if (raw === undefined) continue;
    if (raw.includes('%')) {
      if (e.lowerKey === lower) return true;
    } else if (raw.length === lower.length && raw.toLowerCase() === lower) return true;
  }
  return false;
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
    const stamped = stampText(
      doc,
      {
        date: '01/01/2024',
        version: '1.0.0.0',
        arch: 'amd64',
        ...(hasCatalog ? {} : { catalog: `${name}.cat` }),
        env: {},
      },
      (buildClock ??= fixedClock('2024-01-01T00:00:00Z')),
      false, // the text only: no list of changed lines
    );
    const how = { encoding: doc.encoding, bom: doc.bom, ...(doc.trailingByte !== undefined ? { trailingByte: doc.trailingByte } : {}) };
    // The stamped text is parsed as the bytes the build writes would be (parseInfText skips the
    // encoding and decoding when they would give back the same text).
    const out = stamped.text === doc.text ? doc : parseInfText(stamped.text, how, { file: doc.file });
    // A UMDF 1 driver's $UMDFVERSION$ is 1.11. Only the library version: $UMDFCOINSTALLERVERSION$
    // stays, so the rules still see the co-installer lines the build's stampinf -x takes out
    // (lib/framework-coinstaller.ts). UMDF 1 is told from the stamped copy, whose keys are the
    // source's (the stamp's values, amd64 and version numbers, cannot make or unmake either key),
    // so a skimmed source (parseInfForStamp) serves too.
    if ((out === doc && doc.partial) || !stamped.text.includes('$UMDFVERSION$') || !umdf1(out)) return out;
    const text = stamped.text.split('$UMDFVERSION$').join('1.11');
    return parseInfText(text, how, { file: doc.file });
  } catch {
    return undefined;
  }
}
