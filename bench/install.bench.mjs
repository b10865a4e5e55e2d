// Installs into a target that already holds many packages: stage + install
// (what `devcon install x.inf <hwid>` does, one locked transaction each) of
// distinct small signed packages into one growing target. The Nth install
// (N = 100, 1000) is compared with the first install into a fresh target,
// both measured in this run (target, issue 6: the 1000th <= 2x the first).
// Runs in one child process (peak RSS per milestone). Uses the target engine
// (src/target) through the library when it exports it, else through a bundle
// of src/target/index.ts made here; while the engine does not work, the suite
// reports a "skipped: <reason>" row and no number.
import { build } from 'esbuild';
import { createPrivateKey } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fmtMb, median, ROOT, runStep } from './lib.mjs';
import { WORK } from './package-gen.mjs';

export const name = 'install';

// WDKSIM_BENCH_INSTALL_SIZES=1,10,50 for a quick trial run.
const SIZES = (process.env.WDKSIM_BENCH_INSTALL_SIZES ?? '1,100,1000').split(',').map(Number);
const REPEATS = 9;
const NOW = '2026-11-25T12:00:00Z';
// Per-process names: two runs of the suite at once must not share files.
const API = join(WORK, `target-api-${process.pid}.mjs`);

/** The engine entry points the suite needs, from src (none of them is a library export yet). */
async function bundleTargetApi() {
  mkdirSync(WORK, { recursive: true });
  await build({
    stdin: {
      contents: [
        "export { Target, installDriverOnDevices, importCertificate, certificateRecord, findOs } from './src/machine/index.js';",
        "export { provisionTarget } from './src/machine/provision.js';",
        "export { memoryContext } from './src/io.js';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: API,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
}

function infText(i) {
  const id = String(i).padStart(4, '0');
  return `[Version]
Signature="$WINDOWS NT$"
Class=Sample
ClassGuid={78A1C341-4539-11d3-B88D-00C04FAD5171}
Provider=%Mfg%
CatalogFile=bench${id}.cat
DriverVer=11/20/2026,1.0.${i}.0
PnpLockdown=1

[DestinationDirs]
DefaultDestDir = 13

[SourceDisksNames]
1 = %Disk%,,,""

[SourceDisksFiles]
bench${id}.sys = 1,,

[Manufacturer]
%Mfg%=Standard,NTamd64.10.0...16299

[Standard.NTamd64.10.0...16299]
%Desc%=Bench_Device, Root\\Bench${id}

[Bench_Device.NT]
CopyFiles=Drivers_Dir

[Drivers_Dir]
bench${id}.sys

[Bench_Device.NT.Services]
AddService = Bench${id},0x00000002,Bench_Service_Inst

[Bench_Service_Inst]
DisplayName    = %Desc%
ServiceType    = 1
StartType      = 3
ErrorControl   = 1
ServiceBinary  = %13%\\bench${id}.sys

[Strings]
Mfg="wdksim bench"
Disk="Bench Disk"
Desc="Bench device ${id}"
`.replace(/\n/g, '\r\n');
}

export const steps = {
  async installs({ work, api: apiPath, sizes, repeats }, { lib, emit }) {
    const api = apiPath ? await import(pathToFileURL(apiPath).href) : lib;
    const cert = lib.createTestCertificate({ subject: 'CN=WDKTestCert wdksim bench', days: 3650, now: new Date('2026-01-01T00:00:00Z'), keyBits: 2048 });
    const key = createPrivateKey(cert.keyPem);
    let made = 0;
    // A distinct signed package: INF + .sys + catalog (distinct INF name, hardware ID, service).
    const makePackage = async () => {
      const i = ++made;
      const id = String(i).padStart(4, '0');
      const dir = join(work, 'packages', id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `bench${id}.inf`), infText(i));
      writeFileSync(join(dir, `bench${id}.sys`), lib.makeMinimalPe({ size: 4096 + i, subsystem: 'native' }));
      const members = [`bench${id}.inf`, `bench${id}.sys`].map((n) => ({ name: n, path: join(dir, n) }));
      const unsigned = await lib.createCatalog({ members, osAttr: '2:10.0', catalogAttributes: [{ name: 'OS', value: '10_X64' }], version: 2, now: new Date(NOW) });
      writeFileSync(join(dir, `bench${id}.cat`), lib.signCatalog(unsigned, { privateKey: key, certificate: cert.certDer, chain: [] }, { digest: 'sha256' }));
      return { inf: join(dir, `bench${id}.inf`), hwid: `Root\\Bench${id}` };
    };
    let targets = 0;
    const newTarget = async () => {
      const root = join(work, `target${++targets}`);
      const ctx = api.memoryContext({ cwd: work, now: NOW, env: { TZ: 'UTC' } });
      await api.provisionTarget(root, ctx, { os: api.findOs('win11-23h2'), arch: 'amd64', testsigning: true });
      const target = new api.Target(root, ctx);
      await target.transaction('certmgr', async (tx) => api.importCertificate(tx, api.certificateRecord(cert.certDer, 'bench.cer')));
      return target;
    };
    const install = async (target) => {
      const pkg = await makePackage();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await target.transaction('devcon install', (tx) =>
        api.installDriverOnDevices(tx, { infPath: pkg.inf, hardwareId: pkg.hwid, createRootDevice: true, force: true }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      if (!result.devices?.length && !result.created) throw new Error(`install of ${pkg.inf} put the driver on no device`);
      return { seconds, cpu: (cpu.user + cpu.system) / 1e6 };
    };
    // Warm-up (JIT, caches) in a throwaway target, so "the first install" is not a cold start.
    const warm = await newTarget();
    for (let i = 0; i < repeats; i++) await install(warm);
    // The first install: into fresh targets, median over `repeats` targets.
    const firsts = [];
    for (let i = 0; i < repeats; i++) firsts.push(await install(await newTarget()));
    // CPU seconds too: wall time on a shared machine waits on others' disk and CPU.
    const summary = (xs) => ({ seconds: median(xs.map((x) => x.seconds)), cpu: median(xs.map((x) => x.cpu)) });
    emit({ n: 1, ...summary(firsts) });
    // The Nth install into one growing target: median of installs N .. N+repeats-1.
    const target = await newTarget();
    let count = 0;
    for (const n of sizes.filter((s) => s > 1)) {
      while (count < n - 1) {
        await install(target);
        count++;
      }
      const times = [];
      for (let i = 0; i < repeats; i++) {
        times.push(await install(target));
        count++;
      }
      // What every transaction pays for the whole state: read + validate it, and serialise it back.
      const t0 = performance.now();
      const state = await target.read();
      const readSeconds = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      JSON.stringify(state, null, 2);
      const stringifySeconds = (performance.now() - t1) / 1000;
      emit({ n, ...summary(times), packages: state.packages.length, stateBytes: statSync(target.statePath).size, readSeconds, stringifySeconds });
    }
    return { installs: made };
  },
};

const NEEDED = ['Target', 'installDriverOnDevices', 'importCertificate', 'certificateRecord', 'findOs', 'provisionTarget', 'memoryContext'];

export async function run({ lib }) {
  const fromLibrary = NEEDED.every((n) => n in lib);
  const work = join(WORK, `install-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // The reason is printed and stored in results.json: no paths of this machine in it.
  const skipped = (reason) => [{ benchmark: 'install: stage + install into a target holding N packages', size: `N = ${SIZES.join(', ')}`, skipped: reason.split(ROOT).join('.') }];
  try {
    try {
      if (!fromLibrary) await bundleTargetApi();
    } catch (error) {
      return skipped(`the target engine does not build (${(error.errors?.[0]?.text ?? error.message).split('\n')[0]})`);
    }
    let out;
    try {
      out = runStep(import.meta.url, 'installs', { work, api: fromLibrary ? null : API, sizes: SIZES, repeats: REPEATS });
    } catch (error) {
      return skipped(`the target engine fails (${error.message.split('\n')[0]})`);
    }
    const first = out.emitted.find((e) => e.n === 1);
    return out.emitted.map((e) => ({
      benchmark: 'install: stage + install (devcon install) into a target',
      size: e.n === 1 ? 'first install, fresh target' : `${e.n}th install (target holds ${e.n - 1} of ours)`,
      scale: e.n,
      scaleUnit: 'packages in the target',
      seconds: e.seconds,
      baseline: 'first install into a fresh target',
      baselineSeconds: first.seconds,
      ratio: e.seconds / first.seconds,
      target: e.n === 1 ? '' : '<= 2x',
      peakMemory: `${fmtMb(e.peakRss)} (process so far)`,
      throughput: `CPU ${(e.cpu * 1000).toFixed(0)} ms (${(e.cpu / first.cpu).toFixed(2)}x)${e.stateBytes ? `; state.json ${(e.stateBytes / 2 ** 20).toFixed(1)} MB (read+validate ${(e.readSeconds * 1000).toFixed(0)} ms, stringify ${(e.stringifySeconds * 1000).toFixed(0)} ms)` : ''}`,
      cpuSeconds: e.cpu,
      peakRss: e.peakRss,
    }));
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(API, { force: true });
  }
}
