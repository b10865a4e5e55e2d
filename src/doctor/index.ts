// wdksim doctor: the known driver-packaging pitfalls, found in a project
// before the real tools bite. Rules 9100-9199 (src/doctor/rules).
export { runDoctor, allDoctorRules, withFixInMessage, type DoctorResult } from './run.js';
export { loadUnits, discover } from './load.js';
export { DOCTOR_RULES } from './rules/index.js';
export { inboxKmdfMinor, KMDF_BY_RELEASE } from './kmdf.js';
export type { DoctorUnit, DoctorContext, DoctorRule } from './types.js';
