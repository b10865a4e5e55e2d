// findMember for many lookups in one catalog: the members indexed once by tag,
// digest and name, so checking a package of N files costs N lookups, not N
// scans of N members. Same answers as findMember (the first member in catalog
// order that matches wins).
import type { CatalogInfo, CatalogMember } from './read.js';
import type { MembershipStatus } from './verify.js';

export interface MemberIndex {
  find(digests: { sha1: Buffer; sha256: Buffer }, fileName: string): { status: MembershipStatus; member?: CatalogMember };
}

function firstBy(members: readonly CatalogMember[], keysOf: (m: CatalogMember) => (string | undefined)[]): Map<string, number> {
  const map = new Map<string, number>();
  members.forEach((m, i) => {
    for (const key of keysOf(m)) if (key !== undefined && !map.has(key)) map.set(key, i);
  });
  return map;
}

const earliest = (...indexes: (number | undefined)[]): number | undefined => {
  const found = indexes.filter((i): i is number => i !== undefined);
  return found.length ? Math.min(...found) : undefined;
};

export function memberIndex(info: CatalogInfo): MemberIndex {
  const members = info.members;
  const byTagBytes = firstBy(members, (m) => (m.shadow ? [] : [m.tagBytes.toString('hex')]));
  const byTagText = firstBy(members, (m) => (m.shadow ? [] : [m.tag]));
  const byDigest = firstBy(members, (m) => [m.digest?.toString('hex')]);
  const byName = firstBy(members, (m) => [m.fileName?.toLowerCase()]);
  return {
    find(digests, fileName) {
      const sha1 = digests.sha1.toString('hex');
      const sha256 = digests.sha256.toString('hex');
      const tag = info.version === 1 ? earliest(byTagText.get(sha1.toUpperCase()), byTagBytes.get(sha1)) : byTagBytes.get(sha256);
      const hit = tag ?? earliest(byDigest.get(sha1), byDigest.get(sha256));
      if (hit !== undefined) return { status: 'match', member: members[hit]! };
      const named = byName.get(fileName.toLowerCase());
      return named !== undefined ? { status: 'mismatch', member: members[named]! } : { status: 'not-member' };
    },
  };
}
