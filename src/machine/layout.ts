// Where things live inside a target directory (target-relative, forward slashes)
// and how Windows paths on its system drive C: map onto it.
export const WINDOWS_DIR = 'Windows';
export const INF_DIR = 'Windows/INF';
export const DRIVERS_DIR = 'Windows/System32/drivers';
export const STORE_DIR = 'Windows/System32/DriverStore/FileRepository';
export const DRIVERTEST_DIR = 'DriverTest/Drivers';
/** Where Windows installs the catalog of a published driver package (as oemN.cat): the system catalog database's driver catalog folder. */
export const CATROOT_DIR = 'Windows/System32/CatRoot/{F750E6C3-38EE-11D1-85E5-00C04FC295EE}';

/** The files Windows publishes for a staged package: INF\oemN.inf, its precompiled INF\oemN.PNF and CatRoot\{F750E6C3-...}\oemN.cat. */
export function publishedFiles(publishedName: string): { inf: string; pnf: string; cat: string } {
  const stem = publishedName.replace(/\.inf$/i, '');
  return { inf: `${INF_DIR}/${publishedName}`, pnf: `${INF_DIR}/${stem}.PNF`, cat: `${CATROOT_DIR}/${stem}.cat` };
}

/** Target-relative path → C:\ Windows path. */
export function toWindowsPath(rel: string): string {
  return `C:\\${rel.split('/').join('\\')}`;
}
