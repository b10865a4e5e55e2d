// What the installer reads from an INF's [Version] section.
import type { InfDocument } from '../inf/document.js';
import { formatDriverDate, formatDriverVersion, parseDriverVer, type DriverVer } from '../inf/driverver.js';

export interface VersionFacts {
  className: string;
  classGuid: string;
  provider: string;
  driverVer?: DriverVer;
  driverDate: string;
  driverVersion: string;
}

export function versionFacts(doc: InfDocument, ddinstall?: string): VersionFacts {
  const version = doc.section('Version');
  const own = ddinstall ? doc.section(ddinstall)?.find('DriverVer') : undefined;
  const dvEntry = own ?? version?.find('DriverVer');
  const parsed = dvEntry ? parseDriverVer(dvEntry.fields) : undefined;
  const driverVer = parsed?.ok ? parsed.value : undefined;
  return {
    className: version?.value('Class')?.trim() ?? '',
    classGuid: version?.value('ClassGuid')?.trim() ?? '',
    provider: version?.value('Provider')?.trim() ?? '',
    ...(driverVer ? { driverVer } : {}),
    driverDate: driverVer ? formatDriverDate(driverVer.date) : '00/00/0000',
    driverVersion: driverVer ? formatDriverVersion(driverVer.version) : '0.0.0.0',
  };
}
