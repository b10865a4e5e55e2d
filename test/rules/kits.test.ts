// Rule sets per WDK: every code the kit history dates is reported by the kits
// that have it and silent in the ones that do not (on the code's own invalid
// fixture), levels and wording follow the kit, and each kit's --list-rules
// output is a reviewed snapshot.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInf } from '../../src/inf/parse.js';
import { infRules } from '../../src/rules/index.js';
import { CODE_HISTORY, KITS, NEWEST_KIT, resolveKit } from '../../src/rules/kits.js';
import { listRules } from '../../src/rules/listing.js';
import type { Mode } from '../../src/rules/types.js';
import { validateDocument } from '../../src/rules/validate.js';

const dir = join(import.meta.dirname, '../../fixtures/rules');
const fixtures = readdirSync(dir);

function run(file: string, mode: Mode, wdk: string) {
  const doc = parseInf(readFileSync(join(dir, file)), { file });
  return validateDocument(doc, { mode, wdk, strict: true }).diagnostics;
}

/** A mode in which the newest kit reports the code. */
function modeFor(code: string): Mode {
  const rule = infRules.find((r) => r.id === code)!;
  return (['w', 'default', 'k', 'u'] as const).find((m) => rule.levels[m] !== 'off')!;
}

describe('kits', () => {
  it('resolves versions as people write them', () => {
    expect(resolveKit('19041')?.version).toBe('10.0.19041');
    expect(resolveKit('10.0.22621.2428')?.version).toBe('10.0.22621');
    expect(resolveKit('10.0.22000')?.version).toBe('10.0.22000');
    expect(resolveKit('10.0.20348')?.version).toBe('10.0.19041');
    expect(resolveKit('10.0.26100.6584')?.version).toBe('10.0.26100');
    expect(resolveKit('10.0.28000')?.version).toBe('10.0.26100');
    expect(resolveKit('10.0.14393')?.version).toBe('10.0.15063');
    expect(resolveKit('10.0.9600')).toBeUndefined();
    expect(resolveKit('latest')).toBeUndefined();
    expect(NEWEST_KIT.version).toBe('10.0.26100');
  });

  const gated = Object.entries(CODE_HISTORY).filter(([, h]) => h.since !== undefined);
  it.each(gated.map(([code]) => code))('%s is reported only by the kits that have it', (code) => {
    // A code with several meanings (2084) has an invalid fixture per meaning: a kit that has
    // the code reports it on one of them, a kit without it on none.
    const files = fixtures.filter((f) => f.startsWith(`${code}-`) && f.endsWith('.invalid.inf'));
    expect(files.length, `an invalid fixture for ${code}`).toBeGreaterThan(0);
    const mode = modeFor(code);
    const { since, until } = CODE_HISTORY[code]!;
    for (const kit of KITS) {
      const found = files.some((file) => run(file, mode, kit.version).some((d) => d.code === code));
      expect(found, `${code} under WDK ${kit.version} (${mode})`).toBe(kit.build >= since! && (until === undefined || kit.build < until));
    }
  });

  it('2084 means the umpass legacy pattern in 10.0.22621 and a service binary not copied from 10.0.26100 (docs#3398, IddSampleDriver#53)', () => {
    const umpass = '2084-service-binary-not-copied.legacy-umpass.invalid.inf';
    const found = (file: string, mode: Mode, wdk: string) => run(file, mode, wdk).filter((d) => d.code === '2084');
    const legacy = found(umpass, 'k', '10.0.22621');
    expect(legacy.map((d) => `${d.severity}@${d.line}: ${d.message}`)).toEqual([
      "error@35: Replaced legacy pattern in section 'UMPassService_Install' using 'umpass_include_needs'.",
    ]);
    expect(found(umpass, 'k', '10.0.22000')).toEqual([]);
    // 10.0.26100: the same INF is the new meaning (umpass.sys is not in the package), on the install section, a warning in /k.
    expect(found(umpass, 'k', '10.0.26100').map((d) => `${d.severity}@${d.line}: ${d.message}`)).toEqual([
      "warning@28: Service binary 'C:\\Windows\\System32\\drivers\\umpass.sys' should reference a CopyFiles destination file.",
    ]);
    // The 24H2 meaning's fixture is silent in 10.0.22621 (its binary is not an inbox one).
    expect(found('2084-service-binary-not-copied.invalid.inf', 'w', '10.0.22621')).toEqual([]);
    const listed = (wdk: string) =>
      listRules(infRules, resolveKit(wdk)!)
        .split('\n')
        .find((l) => l.startsWith('2084'));
    expect(listed('10.0.22621')).toMatch(/^2084\* E {4}E {4}E {4}E {5}legacy-pattern-umpass: /);
    expect(listed('10.0.26100')).toMatch(/service-binary-not-copied: /);
  });

  it('2086 (WUDFRd legacy pattern) is a /w error of 10.0.22621 only (Windows-driver-samples#808)', () => {
    const file = '2086-legacy-pattern-wudfrd.invalid.inf';
    const codes = (mode: Mode, wdk: string) => run(file, mode, wdk).map((d) => `${d.code}@${d.line}`);
    expect(run(file, 'w', '10.0.22621').find((d) => d.code === '2086')?.message).toBe(
      "Replaced legacy pattern in section 'WUDFRD_ServiceInstall' using 'wudfrd_include_needs' to follow best practices.",
    );
    expect(codes('u', '10.0.22621')).not.toContain('2086@35');
    expect(codes('k', '10.0.22621')).not.toContain('2086@35');
    expect(codes('w', '10.0.22000')).not.toContain('2086@35');
    // 10.0.26100 has no 2086: the reflector is its 2084 (not copied by the package), on the install section.
    expect(codes('w', '10.0.26100')).toEqual(['2084@28']);
  });

  it('1296 with no mode is a warning in 10.0.19041 and an error from 10.0.22621 (edk2-pytool-library#451)', () => {
    const file = '1296-no-associated-service.invalid.inf';
    const level = (wdk: string) => run(file, 'default', wdk).find((d) => d.code === '1296')?.severity;
    expect(level('10.0.19041')).toBe('warning');
    expect(level('10.0.22621')).toBe('error');
    expect(level('10.0.26100')).toBe('error');
    expect(run(file, 'k', '10.0.19041').find((d) => d.code === '1296')?.severity).toBe('error');
  });

  it('1324 and 1421 have the wording of the kit', () => {
    const m1324 = (wdk: string) => run('1324-pnplockdown.invalid.inf', 'w', wdk).find((d) => d.code === '1324')?.message;
    expect(m1324('10.0.19041')).toBe('[Version] section should specify PnpLockdown=1.');
    expect(m1324('10.0.22621')).toBe('[Version] section should specify PnpLockdown=1 to prevent external apps from modifying installed driver files.');
    const m1421 = (wdk: string) => run('1421-missing-arch-decoration-primitive.invalid.inf', 'w', wdk).find((d) => d.code === '1421')?.message;
    expect(m1421('10.0.22621')).toMatch(/should have an architecture decoration\.$/);
    expect(m1421('10.0.26100')).toMatch(/missing an architecture decoration\.$/);
  });

  it('1303 and 1322 are placed on the header of the section holding the entry from 10.0.22621 (Windows-driver-samples#936, #804)', () => {
    const line = (file: string, code: string, wdk: string) => run(file, 'w', wdk).find((d) => d.code === code)?.line;
    // 1322: the file is the first line of its section; 1303: the CoInstallers32 line is the second of its AddReg section.
    expect(line('1322-not-dirid13.invalid.inf', '1322', '10.0.19041')! - line('1322-not-dirid13.invalid.inf', '1322', '10.0.22621')!).toBe(1);
    expect(line('1303-coinstaller-addreg.invalid.inf', '1303', '10.0.19041')! - line('1303-coinstaller-addreg.invalid.inf', '1303', '10.0.26100')!).toBe(2);
  });

  it.each(KITS.map((k) => k.version))('--list-rules --wdk %s is the reviewed snapshot', async (version) => {
    const kit = resolveKit(version)!;
    await expect(listRules(infRules, kit)).toMatchFileSnapshot(join('../__snapshots__/infverif-rules', `${version}.txt`));
  });
});
