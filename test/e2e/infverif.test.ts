// `wdksim infverif` through the CLI (stdin through a real process): every format, every exit code, stdin,
// directories, --output-file, and damaged input that must not crash it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { wdksim as run } from '../helpers/cli.js';

const root = new URL('../../', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'wdksim-infverif-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const VALID = 'fixtures/rules/1203-section-not-found.valid.inf';
const INVALID = 'fixtures/rules/1203-section-not-found.invalid.inf';
const WARN_ONLY = 'fixtures/rules/2083-section-not-used.invalid.inf';
const ECHO = 'fixtures/corpus/windows-driver-samples/general/echo/kmdf/driver/AutoSync/echo.inx';

/** `wdksim infverif ...` (in-process unless spawn), with the final newline stripped as a shell's $(...) does. */
async function wdksim(args: string[], options: { input?: Buffer | string; env?: Record<string, string>; spawn?: boolean } = {}) {
  const r = await run(['infverif', ...args], { cwd: root, ...options, env: { NO_COLOR: '', FORCE_COLOR: '0', ...options.env } });
  const strip = (s: string) => s.replace(/\r?\n$/, '');
  return { code: r.exitCode, stdout: strip(r.stdout), stderr: strip(r.stderr) };
}

const scrub = (s: string) => s.split(root).join('<root>/');

describe('wdksim infverif', () => {
  it('text: InfVerif lines with the full path, exit 1 on errors', async () => {
    const r = await wdksim([INVALID]);
    expect(r.code).toBe(1);
    expect(scrub(r.stdout)).toBe(`ERROR(1203) in <root>/${INVALID}, line 27: Section [sample.sys] not found.`);
    expect(r.stderr).toBe('');
  });

  it('text /v: header lines and the verdict', async () => {
    const r = await wdksim(['/V', '/u', VALID]);
    expect(r.code).toBe(0);
    expect(scrub(r.stdout).split('\n')).toEqual(['Running in Verbose', 'Running Universal INF check', '', `Validating ${VALID.split('/').pop()}`, 'INF is VALID']);
  });

  it('stylish: grouped by file with a code frame and a caret', async () => {
    const r = await wdksim(['--format', 'stylish', INVALID]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(INVALID);
    expect(r.stdout).toContain('27:13');
    expect(r.stdout).toContain('27 | CopyFiles = sample.sys ; expect: 1203');
    expect(r.stdout).toMatch(/\| {13}\^{10}(?!\^)/);
    expect(r.stdout).toContain('1 problem (1 error, 0 warnings)');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('stylish on a build input: the code frame quotes the stamped line its finding points at', async () => {
    // stampinf adds lines to SampleDSM.inf before its [MPDEV] AddReg; its findings carry the
    // stamped file's line numbers, so the frame must quote that file's line 55, not the source's.
    const r = await wdksim(['--format', 'stylish', 'fixtures/corpus/windows-driver-samples/storage/msdsm/src/SampleDSM.inf']);
    expect(r.stdout).toContain('55:1    warning');
    expect(r.stdout).toContain('55 | HKLM, SYSTEM\\CurrentControlSet\\Control\\MPDEV, MPIOSupportedDeviceList, %REG_MULTI_SZ_APPEND%');
  });

  it('stylish with --color: colours on', async () => {
    const r = await wdksim(['--color', '--format', 'stylish', INVALID], { env: { FORCE_COLOR: '1' } });
    expect(r.stdout).toMatch(/\u001b\[31m/);
  });

  it('json: one array, one object per INF', async () => {
    const r = await wdksim(['--format=json', INVALID, VALID]);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout);
    expect(data).toHaveLength(2);
    expect(data[0].messages[0]).toMatchObject({ ruleId: '1203', ruleName: 'section-not-found', severity: 'error', line: 27, column: 13, endColumn: 23 });
    expect(data[1]).toMatchObject({ errorCount: 0, warningCount: 0, messages: [] });
  });

  it('sarif: ruleId, level and region', async () => {
    const r = await wdksim(['--format', 'sarif', INVALID]);
    const result = JSON.parse(r.stdout).runs[0].results[0];
    expect(result).toMatchObject({ ruleId: '1203', level: 'error' });
    expect(result.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: INVALID, uriBaseId: '%SRCROOT%', index: 0 },
      region: { startLine: 27, startColumn: 13, endColumn: 23 },
    });
  });

  it('github: workflow annotations', async () => {
    const r = await wdksim(['--format', 'github', INVALID, WARN_ONLY]);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      `::error file=${INVALID},line=27,col=13,endColumn=23,title=InfVerif 1203 (section-not-found)::Section [sample.sys] not found. Fix: To copy a single file write CopyFiles=@sample.sys`,
    );
    expect(lines[1]).toMatch(/^::warning file=fixtures\/rules\/2083-section-not-used\.invalid\.inf,line=\d+,col=1,endColumn=\d+,title=InfVerif 2083 \(section-not-used\)::/);
  });

  it('exit 0: no findings, or warnings only', async () => {
    expect((await wdksim([VALID])).code).toBe(0);
    const warn = await wdksim([WARN_ONLY]);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toMatch(/^WARNING\(2083\)/);
  });

  it('exit 1: warnings over --max-warnings', async () => {
    const r = await wdksim(['--max-warnings', '0', WARN_ONLY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('more than --max-warnings 0');
    expect((await wdksim(['--max-warnings', '1', WARN_ONLY])).code).toBe(0);
  });

  it('exit 2: usage errors and unreadable input, one line, no stack', async () => {
    for (const args of [['/x', VALID], ['--format', 'xml', VALID], ['/w', '/u', VALID], [], ['no/such/file.inf'], ['--max-warnings', 'many', VALID]]) {
      const r = await wdksim(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = await wdksim([VALID, 'no/such/file.inf']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/file.inf: no such file or directory');
  });

  it('--help lists the exit codes; /code explains a code', async () => {
    const help = await wdksim(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 no errors, 1 errors found');
    const code = await wdksim(['/code', '1203']);
    expect(code.code).toBe(0);
    expect(code.stdout).toContain('Code 1203 (section-not-found)');
  });

  it('reads standard input with -', async () => {
    const r = await wdksim(['-'], { input: readFileSync(join(root, INVALID)), spawn: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('ERROR(1203) in <stdin>, line 27: Section [sample.sys] not found.');
  });

  it('walks directories for *.inf and *.inx in any case', async () => {
    const r = await wdksim(['/stampinf', '--format', 'json', 'fixtures/corpus/windows-driver-samples/network/trans']);
    const paths = JSON.parse(r.stdout).map((f: { filePath: string }) => scrub(f.filePath));
    expect(paths).toContain('<root>/fixtures/corpus/windows-driver-samples/network/trans/WFPSampler/sys/WFPSamplerCalloutDriver.InX');
    expect(paths.length).toBe(5);
  });

  it('switches are case-insensitive and take / or -', async () => {
    const a = await wdksim(['/W', ECHO]);
    const b = await wdksim(['-w', ECHO]);
    expect(a.stdout).toBe(b.stdout);
    // An unstamped INX is checked as the build stamps it; --as-is checks the file as it is.
    expect(a.stdout).not.toContain('1274');
    const asIs = await wdksim(['-W', '--as-is', ECHO]);
    expect(asIs.stdout).toContain('ERROR(1274)');
    const stamped = await wdksim(['-STAMPINF', '--as-is', ECHO]);
    expect(stamped.stdout).not.toContain('1274');
  });

  it('--output-file writes the report and nothing to stdout', async () => {
    const out = join(tmp, 'report.sarif');
    const r = await wdksim(['--format', 'sarif', '--output-file', out, INVALID]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('damaged INFs: exit 0 or 1, never a stack trace', async () => {
    const source = readFileSync(join(root, ECHO));
    const cases = [
      source.subarray(0, 100),
      source.subarray(0, 777),
      Buffer.concat([Buffer.from([0xff, 0xfe]), source.subarray(0, 301)]),
      Buffer.from(source.toString('latin1').replace(/\]/g, ''), 'latin1'),
    ];
    for (const [i, bytes] of cases.entries()) {
      const file = join(tmp, `damaged${i}.inf`);
      writeFileSync(file, bytes);
      const r = await wdksim([file]);
      expect([0, 1], `case ${i}: ${r.stderr}`).toContain(r.code);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('wdksim infverif on an INX', () => {
  it('without /stampinf names its own /stampinf switch (on stderr, the InfVerif lines unchanged); with it, no note', async () => {
    const r = await wdksim([ECHO]);
    expect(r.stdout).toContain('ERROR(');
    expect(r.stderr).toBe(
      `wdksim infverif: ${ECHO} is an INX file (a template stampinf has not filled in yet): pass /stampinf to validate it as it is (wdksim infverif /stampinf ${ECHO}), or validate the INF that wdksim stampinf writes from it`,
    );
    const stamped = await wdksim(['/stampinf', ECHO]);
    expect(stamped.stderr).toBe('');
  });

  it('with several INX files, one note naming the first, its brackets balanced', async () => {
    const other = 'fixtures/corpus/windows-driver-samples/pofx/WDF/Driver/SingleComp/SingleComponentFStateSample.inx';
    const r = await wdksim([ECHO, other]);
    expect(r.stderr).toBe(
      `wdksim infverif: 2 INX files, ${ECHO} and more, are templates (files stampinf has not filled in yet): pass /stampinf to validate it as it is (wdksim infverif /stampinf ${ECHO}), or validate the INF that wdksim stampinf writes from it`,
    );
  });
});

describe('wdksim infverif as the WDK you have (built CLI)', () => {
  const TOAST = 'fixtures/infverif-real/wds936-toastpkg/toastpkg.inf';
  const ECHO2 = 'fixtures/infverif-real/rust14-echo2/echo_2.inx';

  it('--wdk (and /wdk) picks the kit; an unknown version is a usage error listing the kits', async () => {
    const a = await wdksim(['--wdk', '10.0.22621', '/w', TOAST]);
    const b = await wdksim(['/wdk', '22621', '/w', TOAST]);
    expect(a.stdout).toBe(b.stdout);
    expect(
      scrub(a.stdout)
        .split('\n')
        .map((l) => /^(\w+)\((\d+)\)[^,]*, line (\d+)/.exec(l)!.slice(1).join(' ')),
    ).toEqual(['ERROR 1100 78', 'ERROR 1322 104', 'ERROR 1303 107', 'WARNING 2083 110']);
    const bad = await wdksim(['--wdk', '9.1', TOAST]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('10.0.19041, 10.0.22000, 10.0.22621, 10.0.26100');
  });

  it('a switch the kit does not have is a usage error naming the kit that has it', async () => {
    const h = await wdksim(['--wdk', '19041', '/h', TOAST]);
    expect(h.code).toBe(2);
    expect(h.stderr).toContain('InfVerif of WDK 10.0.19041 has no /h switch: it is in WDK 10.0.26100');
    const code = await wdksim(['--wdk', '22621', '/code', '1203']);
    expect(code.code).toBe(2);
    expect(code.stderr).toContain('has no /code switch');
    const samples = await wdksim(['/samples', TOAST]);
    expect(samples.code).toBe(2);
    expect(samples.stderr).toContain('no WDK wdksim models has it');
  });

  it('/sw<code> leaves one code out (22621 on); /msft leaves the sample findings out in 22621 only', async () => {
    const all = await wdksim(['/w', ECHO2]);
    expect(all.stdout).toContain('ERROR(1284)');
    const sw = await wdksim(['/w', '/sw1284', ECHO2]);
    expect(sw.stdout).not.toContain('(1284)');
    expect(sw.stdout).toContain('ERROR(1285)');
    const sw22621 = await wdksim(['--wdk', '22621', '/w', '/sw1284', ECHO2]);
    expect(sw22621.code).toBe(1);
    expect(sw22621.stdout).not.toContain('(1284)');
    const sw22000 = await wdksim(['--wdk', '22000', '/w', '/sw1284', ECHO2]);
    expect(sw22000.code).toBe(2);
    expect(sw22000.stderr).toContain('it is in WDK 10.0.22621, 10.0.26100');
    const msft22621 = await wdksim(['--wdk', '22621', '/w', '/msft', ECHO2]);
    expect(msft22621.stdout).not.toMatch(/\((1284|1285)\)/);
    // 2086 (the WUDFRd legacy pattern) is one of 22621's sample-only findings too (Build-SampleSet.ps1).
    const NFC = 'fixtures/infverif-real/wds808-nfc/windows-drivertemplate-nfc.inf';
    expect((await wdksim(['--wdk', '22621', '/w', NFC])).stdout).toContain('ERROR(2086)');
    expect((await wdksim(['--wdk', '22621', '/w', '/msft', NFC])).stdout).not.toContain('(2086)');
    const msft26100 = await wdksim(['/v', '/w', '/msft', ECHO2]);
    expect(msft26100.stdout.split('\n').slice(0, 3)).toEqual(['Running in Verbose', 'Running in MSFT driver mode', 'Running Windows Driver INF check']);
    expect(msft26100.stdout).toContain('ERROR(1284)');
  });

  it("--list-rules --wdk prints the kit's rule set; /rulever switches the rules", async () => {
    const r = await wdksim(['--list-rules', '--wdk', '10.0.19041']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('InfVerif rules of WDK 10.0.19041 (Windows 10, version 2004): 88 codes');
    expect(r.stdout).not.toMatch(/^1402/m);
    const rv = await wdksim(['/w', '/rulever', '10.0.19041', TOAST]);
    expect(rv.stdout).toContain('line 105:'); // 19041 places 1322 on the entry's own line
  });
});
