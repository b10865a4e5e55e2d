// doctor's rules, in id order. Ids 9100-9199 are doctor's (9000-9099 are
// wdksim's own infverif rules); an id is never reused.
import type { DoctorRule } from '../types.js';
import driververLocalUtc from './9100-driverver-local-utc.js';
import sourceDisksNamesPath from './9101-sourcedisksnames-path.js';
import undefinedTokenFilename from './9102-undefined-token-filename.js';
import catalogFileMissingArch from './9103-catalogfile-missing-arch.js';
import packageIntermediates from './9104-package-intermediates.js';
import osListNotCovered from './9105-os-list-not-covered.js';
import kmdfTooNew from './9106-kmdf-too-new.js';

export const DOCTOR_RULES: readonly DoctorRule[] = [
  driververLocalUtc,
  sourceDisksNamesPath,
  undefinedTokenFilename,
  catalogFileMissingArch,
  packageIntermediates,
  osListNotCovered,
  kmdfTooNew,
];
