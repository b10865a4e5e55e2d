// Issue 20, "one rule for one thing": each of these has one definition in src/ and the
// other places call it. A second copy (a pasted table, a re-declared type) fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileGraph, SRC } from './import-graph.js';
import { platformSectionNames, resolveInstallSection } from '../../src/inf/ddinstall.js';
import { catalogFileKeys } from '../../src/inf/arch.js';
import { SETUP_CLASSES } from '../../src/inf/classes.js';
import { inboxClasses } from '../../src/machine/inbox.js';
import { classByGuid, classByName } from '../../src/rules/lib/classes.js';
import { parseInf } from '../../src/inf/parse.js';

const files = fileGraph();
const text = new Map([...files.keys()].map((f) => [f, readFileSync(join(SRC, f), 'utf8')]));
const where = (re: RegExp) =>
  [...text]
    .filter(([, t]) => re.test(t))
    .map(([f]) => f)
    .sort();

describe('one definition of each shared rule', () => {
  it('the version constant is read in src/version.ts only', () => {
    expect(where(/WDKSIM_VERSION/)).toEqual(['version.ts']);
  });

  it('one Arch type and one DecorationResult shape', () => {
    expect(where(/export type Arch\b/)).toEqual(['inf/arch.ts']);
    // narrower architecture types (TargetArch, InfArch) are cut from it, not spelled out again
    expect(where(/type \w+ = '(x86|amd64|arm64|arm|ia64)' \|/)).toEqual([]);
    expect(where(/(type|interface) DecorationResult\b\s*(<[^>]*>)?\s*=/)).toEqual(['inf/decorations.ts', 'rules/lib/decoration.ts']);
    // the second is an alias of the first, not a shape of its own
    expect(text.get('rules/lib/decoration.ts')).toMatch(/type DecorationResult = InfDecorationResult<Decoration>;/);
  });

  it('one table of setup-class GUIDs (a file with more than three of them holds a table)', () => {
    const guid = /\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}/gi;
    const known = new Set(SETUP_CLASSES.map((c) => c.guid.toLowerCase()));
    const tables = [...text].filter(([, t]) => (t.match(guid) ?? []).filter((g) => known.has(g.toLowerCase())).length > 3).map(([f]) => f);
    expect(tables).toEqual(['inf/classes.ts']);
  });

  it('the machine and infverif read the same table', () => {
    for (const c of inboxClasses()) expect(classByGuid(c.guid)?.guid ?? c.name).toBe(c.name === 'Sample' ? 'Sample' : c.guid);
    expect(classByName('fdc')).toEqual({ name: 'FDC', guid: '{4d36e969-e325-11ce-bfc1-08002be10318}' });
    expect(inboxClasses().find((c) => c.guid === '{4d36e969-e325-11ce-bfc1-08002be10318}')?.name).toBe('fdc');
  });

  it('X.NT<arch> / X.NT / X is written once and the three users call it', () => {
    expect(platformSectionNames('Inst', 'amd64')).toEqual(['Inst.NTamd64', 'Inst.NT', 'Inst']);
    const doc = parseInf('[Version]\nSignature="$Windows NT$"\n[Inst.NT]\n[Inst]\n');
    expect(resolveInstallSection(doc, 'Inst', 'amd64')).toMatchObject({ name: 'Inst.NT', form: 'nt' });
    for (const user of ['inf/ddinstall.ts', 'rules/model.ts', 'machine/install.ts', 'package/files.ts']) {
      expect(files.get(user)!.has(user === 'inf/ddinstall.ts' ? 'inf/arch.ts' : 'inf/ddinstall.ts')).toBe(true);
    }
    expect(catalogFileKeys('arm64')).toEqual(['CatalogFile.ntarm64', 'CatalogFile.nt', 'CatalogFile']);
    // nobody spells the three names out again
    expect(where(/\.NT' \+ arch|\.nt\$\{arch|\$\{\w+\}\.NT\$\{\w+\}`, `\$\{\w+\}\.NT`/)).toEqual(['inf/arch.ts']);
  });
});
