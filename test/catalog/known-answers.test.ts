// catalog-format §13 known-answer vectors and the byte-exact rebuild of a
// Windows MakeCat v1 catalog (wine's test catalog, fixtures/catalog/).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogAttribute, encodeCtl, memberAttribute, memberInfoV1, nameValue, spcIndirectData, wrapUnsigned } from '../../src/catalog/ctl.js';
import { wstrz } from '../../src/catalog/der.js';
import { OID } from '../../src/catalog/oids.js';
import { readCatalog } from '../../src/catalog/index.js';

const wine = readFileSync(new URL('../../fixtures/catalog/wine-makecat-v1.cat', import.meta.url));

describe('CatNameValue encodings (§4, §13)', () => {
  it('encodes File=test.inf exactly', () => {
    expect(nameValue('File', 'test.inf').toString('hex')).toBe('30241e0800460069006c0065020410010001041274006500730074002e0069006e0066000000');
  });
  it('wraps it as a member attribute', () => {
    const attr = memberAttribute(OID.catNameValue, nameValue('File', 'test.inf'));
    expect(attr.subarray(0, 16).toString('hex')).toBe('3034060a2b0601040182370c02013126');
  });
  it('encodes the catalog attribute OS=_v100_X64 exactly', () => {
    expect(catalogAttribute('OS', '_v100_X64').toString('hex')).toBe('3032060a2b0601040182370c0201042430221e04004f005302041001000104145f0076003100300030005f005800360034000000');
  });
});

describe("Windows MakeCat v1 catalog (wine's test_catalog)", () => {
  it('is read back: version, list id, date, the hashme member, attributes', () => {
    const info = readCatalog(wine);
    expect(info.version).toBe(1);
    expect(info.listIdentifier.toString('hex').toUpperCase()).toBe('FA552CC2F6CCDD112A9C001422EC8F3B');
    expect(info.thisUpdate?.toISOString()).toBe('2008-12-18T11:26:48.000Z');
    expect(info.signed).toBe(false);
    expect(info.members).toHaveLength(1);
    const m = info.members[0]!;
    expect(m.tag).toBe('hashme');
    expect(m.isPe).toBe(false);
    expect(m.hashAlgorithm).toBe('sha1');
    expect(m.digest?.toString('hex').toUpperCase()).toBe('EDD69C9CB2FCAA03E8D320F6AB28C3FFBD0736F5');
    expect(m.sipGuid).toBe('{DE351A42-8E59-11D0-8C47-00C04FC295EE}');
    expect(info.attributes.map((a) => `${a.name}=${a.value}`)).toEqual(['attr2=value2', 'attr1=value1']);
  });

  it('is rebuilt byte for byte from the encoding rules', () => {
    const digest = Buffer.from('EDD69C9CB2FCAA03E8D320F6AB28C3FFBD0736F5', 'hex');
    const ctl = encodeCtl({
      version: 1,
      listIdentifier: Buffer.from('FA552CC2F6CCDD112A9C001422EC8F3B', 'hex'),
      thisUpdate: new Date('2008-12-18T11:26:48Z'),
      members: [{ tag: wstrz('hashme'), attributes: [memberInfoV1(false), memberAttribute(OID.spcIndirectData, spcIndirectData(false, 'sha1', digest))] }],
      // MakeCat stores CATATTR1, CATATTR2 in reverse order.
      catalogAttributes: [catalogAttribute('attr2', 'value2'), catalogAttribute('attr1', 'value1')],
    });
    const rebuilt = wrapUnsigned(ctl);
    expect(rebuilt.length).toBe(448);
    expect(rebuilt.toString('hex')).toBe(wine.toString('hex'));
  });
});
