// Where things live inside a target directory (target-relative, forward slashes)
// and how Windows paths on its system drive C: map onto it.
export const WINDOWS_DIR = 'Windows';
export const INF_DIR = 'Windows/INF';
export const DRIVERS_DIR = 'Windows/System32/drivers';
export const STORE_DIR = 'Windows/System32/DriverStore/FileRepository';
export const DRIVERTEST_DIR = 'DriverTest/Drivers';

/** Target-relative path → C:\ Windows path. */
export function toWindowsPath(rel: string): string {
  return `C:\\${rel.split('/').join('\\')}`;
}
