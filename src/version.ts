// The version of wdksim, set by the build (scripts/build.mjs defines WDKSIM_VERSION from
// package.json); a run from source says 0.0.0-dev. The one place it is read.
declare const WDKSIM_VERSION: string;

export const VERSION: string = typeof WDKSIM_VERSION === 'string' ? WDKSIM_VERSION : '0.0.0-dev';
