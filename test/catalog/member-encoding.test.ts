// The one-buffer encoders of a catalog's members against the composed TLV
// writers they replace: encodeMemberList = seqOf(members.map(encodeMember)),
// nameValueAttribute and indirectDataAttribute = memberAttribute(...) of the
// composed values, render(node tree) = nested tlv(); byte for byte, including
// lengths that need 1, 2 and 3 length octets and attributes out of DER order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { node, render, seqOf, tlv } from '../../src/catalog/der.js';
import {
  EMPTY_LINK,
  encodeMember,
  encodeMemberList,
  indirectDataAttribute,
  memberAttribute,
  nameValue,
  nameValueAttribute,
  OBSOLETE_LINK,
  sortByTag,
  spcIndirectData,
} from '../../src/catalog/ctl.js';
import { OID } from '../../src/catalog/oids.js';

const bytes = (max: number) => fc.uint8Array({ minLength: 1, maxLength: max }).map((u) => Buffer.from(u));

describe('encodeMemberList', () => {
  it('equals seqOf(members.map(encodeMember)) for random tags and attributes', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ tag: bytes(300), attributes: fc.array(bytes(400), { maxLength: 5 }) }), { maxLength: 30 }), (members) => {
        const before = members.map((m) => ({ tag: m.tag, attributes: [...m.attributes] }));
        expect(encodeMemberList(members).equals(seqOf(members.map(encodeMember)))).toBe(true);
        // The callers' attribute arrays are not reordered.
        expect(members).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('a list over 64 KiB, attributes of 40,000 (two length octets, high bit set) and 70,000 bytes (three)', () => {
    const members = Array.from({ length: 600 }, (_, i) => ({ tag: Buffer.alloc(32, i), attributes: [Buffer.alloc(120, i & 0xff), Buffer.alloc(8, 0xff - (i & 0xff))] }));
    members.push({ tag: Buffer.alloc(20, 7), attributes: [Buffer.alloc(70_000, 1)] }, { tag: Buffer.alloc(20, 8), attributes: [Buffer.alloc(40_000, 2), Buffer.alloc(300, 3)] });
    const der = encodeMemberList(members);
    expect(der.length).toBeGreaterThan(0x10000);
    expect(der.equals(seqOf(members.map(encodeMember)))).toBe(true);
  });
});

describe('one-allocation attributes', () => {
  it.each(['a.sys', 'f00001.dat', 'x'.repeat(200), 'ünïcödé.inf'])('nameValueAttribute("File", %s) = memberAttribute(catNameValue, nameValue(...))', (name) => {
    expect(nameValueAttribute('File', name).equals(memberAttribute(OID.catNameValue, nameValue('File', name)))).toBe(true);
  });

  it.each([
    [true, 'sha256', OBSOLETE_LINK],
    [false, 'sha256', EMPTY_LINK],
    [true, 'sha1', OBSOLETE_LINK],
    [false, 'sha1', OBSOLETE_LINK],
  ] as const)('indirectDataAttribute(pe %s, %s) = memberAttribute(spcIndirectData, spcIndirectData(...))', (isPe, alg, link) => {
    const digest = Buffer.alloc(alg === 'sha1' ? 20 : 32, 0xab);
    expect(indirectDataAttribute(isPe, alg, digest, link).equals(memberAttribute(OID.spcIndirectData, spcIndirectData(isPe, alg, digest, link)))).toBe(true);
  });

  it('render(node tree) = nested tlv() for random trees', () => {
    const leaf = bytes(300);
    const tree = fc.letrec<{ t: unknown }>((tie) => ({
      t: fc.oneof({ depthSize: 'small' }, leaf, fc.record({ tag: fc.constantFrom(0x30, 0x31, 0x04, 0xa0), parts: fc.array(tie('t'), { maxLength: 4 }) })),
    })).t;
    type Tree = Buffer | { tag: number; parts: Tree[] };
    const asNode = (t: Tree): Buffer | ReturnType<typeof node> => (Buffer.isBuffer(t) ? t : node(t.tag, ...t.parts.map(asNode)));
    const asTlv = (t: Tree): Buffer => (Buffer.isBuffer(t) ? t : tlv(t.tag, ...t.parts.map(asTlv)));
    fc.assert(
      fc.property(fc.record({ tag: fc.constant(0x30), parts: fc.array(tree, { maxLength: 6 }) }), (root) => {
        const t = root as { tag: number; parts: Tree[] };
        expect(render(node(t.tag, ...t.parts.map(asNode))).equals(asTlv(t))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('sortByTag', () => {
  it('orders tags byte-wise, a shorter prefix first, equal tags in their original order', () => {
    const tag = (hex: string) => Buffer.from(hex, 'hex');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(bytes(40), fc.constantFrom(tag('00'), tag('0000'), tag('00000000'), tag('0000000001'), tag('ffffffff'), tag('ff'))), { maxLength: 60 }),
        (tags) => {
          const members = tags.map((t, i) => ({ tag: t, i }));
          const sorted = sortByTag(members);
          const expected = [...members].sort((a, b) => Buffer.compare(a.tag, b.tag) || a.i - b.i);
          expect(sorted.map((m) => m.i)).toEqual(expected.map((m) => m.i));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the same order when every tag has 4 bytes or more (prefixes sorted natively, equal prefixes by the whole tag)', () => {
    const tag = (hex: string) => Buffer.from(hex, 'hex');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(bytes(40), fc.constantFrom(tag('00000000'), tag('0000000001'), tag('0000000000'), tag('ffffffff'), tag('ffffffff00'), tag('80000000'))), {
          maxLength: 200,
        }),
        (tags) => {
          const members = tags.filter((t) => t.length >= 4).map((t, i) => ({ tag: t, i }));
          const sorted = sortByTag(members);
          const expected = [...members].sort((a, b) => Buffer.compare(a.tag, b.tag) || a.i - b.i);
          expect(sorted.map((m) => m.i)).toEqual(expected.map((m) => m.i));
        },
      ),
      { numRuns: 300 },
    );
  });
});
