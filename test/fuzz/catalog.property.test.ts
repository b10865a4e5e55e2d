// Catalog encoder/decoder round trip: any set of members (names with any
// Unicode, flat or PE, v1 or v2), any catalog attributes, written with the
// encoder and read back with readCatalog, gives back the same members (names
// lower-cased, de-duplicated by tag with the first name kept, as MakeCat
// does), the same digests and kinds, and the same attributes in order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogFromDigests } from '../../src/catalog/create.js';
import { readCatalog } from '../../src/catalog/read.js';
import { PROPERTY_RUNS } from '../stress/budget.js';

const fileName = fc
  .oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    fc.stringMatching(/^[A-Za-z0-9 ._-]{1,30}\.(sys|inf|dll|cat)$/),
    fc.constantFrom('\uD800lone.sys', 'a\uDFFFb.inf', 'ÄÖÜ.sys', '..\\..\\evil.sys', 'CON', 'x '.repeat(200)),
  )
  .filter((n) => !n.includes('\0'));

const member = fc.record({
  name: fileName,
  isPe: fc.boolean(),
  sha1: fc.uint8Array({ minLength: 20, maxLength: 20 }),
  sha256: fc.uint8Array({ minLength: 32, maxLength: 32 }),
});
const attribute = fc.record({ name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,10}$/), value: fc.string({ unit: 'grapheme', maxLength: 60 }).filter((v) => !v.includes('\0')) });

describe('catalog encoder/decoder round trip', () => {
  it('a catalog written then read gives back the same members and attributes', () => {
    fc.assert(
      fc.property(
        fc.array(member, { maxLength: 12 }),
        fc.constantFrom<1 | 2>(1, 2),
        fc.constantFrom('', '2:10.0', '2:6.1,2:10.0'),
        fc.array(attribute, { maxLength: 5 }),
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2049-12-31T00:00:00Z'), noInvalidDate: true }),
        (members, version, osAttr, catalogAttributes, now) => {
          const hashed = members.map((m) => ({
            input: { name: m.name, path: `/nonexistent/${m.name}` },
            digests: { isPe: m.isPe, size: 0, sha1: Buffer.from(m.sha1), sha256: Buffer.from(m.sha256) },
          }));
          const der = catalogFromDigests(hashed, { members: [], osAttr, catalogAttributes, version, now });
          const info = readCatalog(der);
          expect(info.version).toBe(version);
          expect(info.signed).toBe(false);
          expect(info.thisUpdate?.toISOString().slice(0, 19)).toBe(now.toISOString().slice(0, 19));
          // Expected: first member per tag (sha1 for v1, sha256 for v2).
          const seen = new Set<string>();
          const want: string[] = [];
          for (const m of members) {
            const digest = Buffer.from(version === 1 ? m.sha1 : m.sha256).toString('hex');
            if (seen.has(digest)) continue;
            seen.add(digest);
            want.push(`${m.name.toLowerCase()}|${digest}|${m.isPe}|${osAttr}`);
          }
          const got = info.members
            .filter((m) => !m.shadow)
            .map((m) => `${m.fileName}|${m.digest?.toString('hex')}|${m.isPe}|${m.attributes.find((a) => a.name === 'OSAttr')?.value ?? ''}`);
          expect(got.sort()).toEqual(want.sort());
          if (version === 2) {
            const shadows = info.members.filter((m) => m.shadow).map((m) => m.tag.toLowerCase());
            expect(new Set(shadows)).toEqual(new Set(members.map((m) => Buffer.from(m.sha1).toString('hex'))));
          }
          expect(info.attributes.map((a) => [a.name, a.value])).toEqual(catalogAttributes.map((a) => [a.name, a.value]));
        },
      ),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
