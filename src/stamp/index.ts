// stampinf as a library: stampInf(bytes | doc, options, clock).
export { stampInf, type StampOptions, type StampResult } from './stamp.js';
export type { StampChange } from './edits.js';
export {
  MAX_VERSION_PART,
  formatStampDate,
  frameworkVersion,
  nowStampVersion,
  parseStampDate,
  parseStampVersion,
  resolveStamp,
  todayStampDate,
  type ResolvedStamp,
  type StampDate,
  type StampRequest,
  type ValueSource,
} from './values.js';
export { ntverpVersion } from './ntverp.js';
export { futureDriverVerWarning } from './warning.js';
