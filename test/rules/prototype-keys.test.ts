// Keys that name Object.prototype members (constructor, __proto__, toString...)
// are ordinary INF keys: they must not be taken for directives, and no rule may
// crash on them (9000). Before the directive table became a Map, a
// `constructor=` line in an install section made every model-based rule crash.
import { describe, expect, it } from 'vitest';
import { parseInf } from '../../src/inf/parse.js';
import { validateDocument } from '../../src/rules/validate.js';

const VERSION = [
  '[Version]',
  'Signature="$Windows NT$"',
  'Class=System',
  'ClassGuid={4d36e97d-e325-11ce-bfc1-08002be10318}',
  'Provider=Contoso',
  'DriverVer=01/01/2020,1.0.0.0',
  'CatalogFile=a.cat',
  'PnpLockdown=1',
];

describe('keys named like Object.prototype members', () => {
  for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    it(`${key}= in an install section is not a directive and crashes no rule`, () => {
      const text = [...VERSION, '[DefaultInstall.NTamd64]', `${key}=Foo`, 'AddReg=Foo', '[Foo]', 'HKR,,Bar,,1', ''].join('\r\n');
      const result = validateDocument(parseInf(text), {});
      expect(result.diagnostics.filter((d) => d.code === '9000')).toEqual([]);
      // [Foo] is still reached through AddReg, so it is not reported unused.
      expect(result.diagnostics.filter((d) => d.code === '2083').map((d) => d.message)).toEqual([]);
    });
  }
});
