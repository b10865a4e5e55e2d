// Is this INF a build input that stampinf has not run on yet? MSBuild stamps a
// driver project's INF (DriverVer, $ARCH$, the WDF version tokens) before it runs
// InfVerif, so the findings people see in their build logs are those of the
// stamped file. wdksim infverif checks such a file the same way (as /stampinf
// does) unless asked to check it as it is (--as-is).
import type { InfDocument } from '../inf/document.js';

const TOKEN = /\$(?:ARCH|KMDFVERSION|KMDFCOINSTALLERVERSION|UMDFVERSION|UMDFCOINSTALLERVERSION)\$/;

export function autoStampinf(doc: InfDocument): boolean {
  if (TOKEN.test(doc.text)) return true;
  const driverVer = doc.section('Version')?.find('DriverVer');
  return driverVer !== undefined && (driverVer.fields[0] ?? '').trim() === '';
}
