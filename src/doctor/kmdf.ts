// The KMDF version each Windows release ships in the box (Microsoft's "KMDF
// version history"): a driver built for a newer KMDF does not load on an older
// release (Code 39 / the co-installer era is over for 1.11+ on Windows 10).
export const KMDF_BY_RELEASE: readonly { kmdfMinor: number; major: number; minor: number; build: number; windows: string }[] = [
  { kmdfMinor: 7, major: 6, minor: 0, build: 0, windows: 'Windows Vista' },
  { kmdfMinor: 9, major: 6, minor: 1, build: 0, windows: 'Windows 7' },
  { kmdfMinor: 11, major: 6, minor: 2, build: 0, windows: 'Windows 8' },
  { kmdfMinor: 13, major: 6, minor: 3, build: 0, windows: 'Windows 8.1' },
  { kmdfMinor: 15, major: 10, minor: 0, build: 10240, windows: 'Windows 10 version 1507' },
  { kmdfMinor: 17, major: 10, minor: 0, build: 10586, windows: 'Windows 10 version 1511' },
  { kmdfMinor: 19, major: 10, minor: 0, build: 14393, windows: 'Windows 10 version 1607' },
  { kmdfMinor: 21, major: 10, minor: 0, build: 15063, windows: 'Windows 10 version 1703' },
  { kmdfMinor: 23, major: 10, minor: 0, build: 16299, windows: 'Windows 10 version 1709' },
  { kmdfMinor: 25, major: 10, minor: 0, build: 17134, windows: 'Windows 10 version 1803' },
  { kmdfMinor: 27, major: 10, minor: 0, build: 17763, windows: 'Windows 10 version 1809' },
  { kmdfMinor: 29, major: 10, minor: 0, build: 18362, windows: 'Windows 10 version 1903' },
  { kmdfMinor: 31, major: 10, minor: 0, build: 19041, windows: 'Windows 10 version 2004' },
  { kmdfMinor: 33, major: 10, minor: 0, build: 22000, windows: 'Windows 11 version 21H2' },
];

function before(a: { major: number; minor: number; build: number }, b: { major: number; minor: number; build: number }): boolean {
  return a.major !== b.major ? a.major < b.major : a.minor !== b.minor ? a.minor < b.minor : a.build < b.build;
}

/** The newest KMDF 1.x minor version an OS has in the box; undefined before Vista (no inbox KMDF). */
export function inboxKmdfMinor(os: { major: number; minor: number; build: number }): number | undefined {
  let best: number | undefined;
  for (const row of KMDF_BY_RELEASE) if (!before(os, row)) best = row.kmdfMinor;
  return best;
}

/** The first release that ships a KMDF minor version. */
export function firstReleaseWithKmdf(minor: number): string | undefined {
  return KMDF_BY_RELEASE.find((r) => r.kmdfMinor >= minor)?.windows;
}
