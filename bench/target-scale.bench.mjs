// Issue 18's target workloads as a user meets them: from the CLI, one process
// per command, on targets holding N = 1, 100, 1,000, 10,000 driver packages (one
// installed device each). Each is compared with the same command at N = 1 in
// this run: one more `devcon install` (target: the 10,000th <= 1.3x the first),
// `pnputil /enum-drivers` and `devcon status *` (<= 1.3x plus printing; the
// output size is shown), `target verify` with nothing changed (<= 1.5x; second
// run, its cache warm).
//
// `target verify` is also set against its stat floor (bench/stat-peer.mjs: list the
// two folders and lstat each vouched file, in a process that does only that).
//
// The targets are made by a generator through the library, not by 10,000 CLI
// installs: a provisioned machine plus N synthetic packages (INF, catalog bytes
// and driver in the store, published oemN.inf/.cat, a device bound to each),
// written with the state store's writeFirstState (which writes the per-record
// files of docs/target.md "State on disk"), so `target verify` passes on them.
// The package installed in the measurement is a real signed one, with a hardware
// ID no generated device has (a new device, as a lab's next driver would be).
// generate, bundleApi and infText are exported for ad-hoc runs on a kept target.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, ROOT } from './lib.mjs';
import { WORK } from './package-gen.mjs';

export const name = 'target-scale';

const SIZES = (process.env.WDKSIM_BENCH_SCALE_SIZES ?? '1,100,1000,10000').split(',').map(Number);
const REPEATS = Number(process.env.WDKSIM_BENCH_SCALE_REPEATS ?? 3);
const NOW = '2026-11-25T12:00:00Z';
// WDKSIM_BENCH_BIN: another build's bin/wdksim.js (a before/after comparison on the same targets' generator).
const BIN = process.env.WDKSIM_BENCH_BIN ? resolve(process.env.WDKSIM_BENCH_BIN) : join(ROOT, 'bin', 'wdksim.js');
const PRINT_PEER = join(ROOT, 'bench', 'print-peer.mjs');
const STAT_PEER = join(ROOT, 'bench', 'stat-peer.mjs');
export const API = join(WORK, `target-scale-api-${process.pid}.mjs`);
const sha = (b) => createHash('sha256').update(b).digest('hex');

export async function bundleApi() {
  mkdirSync(WORK, { recursive: true });
  await build({
    stdin: {
      contents: [
        "export { Target, importCertificate, certificateRecord, findOs, readState } from './src/machine/index.js';",
        "export { provisionTarget } from './src/machine/provision.js';",
        "export { writeFirstState } from './src/machine/state-store.js';",
        "export { writeEnumKey } from './src/machine/enum-key.js';",
        "export { Registry } from './src/machine/registry.js';",
        "export { memoryContext } from './src/io.js';",
        "export { setLimits } from './src/limits.js';",
        "export { createTestCertificate, makeMinimalPe, createCatalog, signCatalog } from './src/catalog/index.js';",
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

export function infText(id, hwid) {
  return `[Version]\r\nSignature="$WINDOWS NT$"\r\nClass=Sample\r\nClassGuid={78A1C341-4539-11d3-B88D-00C04FAD5171}\r\nProvider=%Mfg%\r\nCatalogFile=${id}.cat\r\nDriverVer=11/20/2026,1.0.0.0\r\n\r\n[DestinationDirs]\r\nDefaultDestDir = 13\r\n\r\n[SourceDisksNames]\r\n1 = %Disk%,,,""\r\n\r\n[SourceDisksFiles]\r\n${id}.sys = 1\r\n\r\n[Manufacturer]\r\n%Mfg%=Standard,NTamd64\r\n\r\n[Standard.NTamd64]\r\n%Desc%=Dev, ${hwid}\r\n\r\n[Dev.NT]\r\nCopyFiles=Files\r\n\r\n[Files]\r\n${id}.sys\r\n\r\n[Dev.NT.Services]\r\nAddService = ${id},0x2,Svc\r\n\r\n[Svc]\r\nServiceType = 1\r\nStartType = 3\r\nErrorControl = 1\r\nServiceBinary = %13%\\${id}.sys\r\n\r\n[Strings]\r\nMfg="wdksim bench"\r\nDisk="Disk"\r\nDesc="Bench ${id}"\r\n`;
}

/** A target holding `n` synthetic packages with one bound device each; verify passes on it. Returns the files it vouches for. */
export async function generate(api, root, n, cert) {
  const ctx = api.memoryContext({ cwd: WORK, now: NOW, env: { TZ: 'UTC' } });
  await api.provisionTarget(root, ctx, { os: api.findOs('win11-23h2'), arch: 'amd64', testsigning: true });
  const target = new api.Target(root, ctx);
  await target.transaction('certmgr', async (tx) => api.importCertificate(tx, api.certificateRecord(cert.certDer, 'bench.cer')));
  const state = await api.readState(root);
  api.setLimits({ registryKeys: Number.MAX_SAFE_INTEGER }); // one generator run creates every package's keys
  const reg = new api.Registry(state.registry);
  const store = join(root, 'Windows', 'System32', 'DriverStore', 'FileRepository');
  const vouched = [];
  for (let i = 0; i < n; i++) {
    const id = `gen${String(i).padStart(5, '0')}`;
    const hwid = `Root\\Gen${i}`;
    const files = { [`${id}.inf`]: Buffer.from(infText(id, hwid)), [`${id}.cat`]: Buffer.from(`catalog ${id}`), [`${id}.sys`]: Buffer.from(`MZ ${id}`) };
    const folder = `${id}.inf_amd64_${sha(id).slice(0, 16)}`;
    mkdirSync(join(store, folder), { recursive: true });
    for (const [f, b] of Object.entries(files)) {
      writeFileSync(join(store, folder, f), b);
      vouched.push(`Windows/System32/DriverStore/FileRepository/${folder}/${f}`);
    }
    const published = `oem${i}.inf`;
    vouched.push(`Windows/INF/${published}`, `Windows/INF/oem${i}.cat`);
    writeFileSync(join(root, 'Windows', 'INF', published), files[`${id}.inf`]);
    writeFileSync(join(root, 'Windows', 'INF', `oem${i}.cat`), files[`${id}.cat`]);
    state.files.push({ path: `Windows/INF/${published}`, sha256: sha(files[`${id}.inf`]) }, { path: `Windows/INF/oem${i}.cat`, sha256: sha(files[`${id}.cat`]) });
    state.packages.push({
      publishedName: published,
      originalName: `${id}.inf`,
      storeFolder: folder,
      provider: 'wdksim bench',
      className: 'Sample',
      classGuid: '{78A1C341-4539-11d3-B88D-00C04FAD5171}',
      driverDate: '11/20/2026',
      driverVersion: '1.0.0.0',
      catalog: `${id}.cat`,
      signer: 'WDKTestCert wdksim bench',
      testSigned: true,
      arch: 'amd64',
      files: Object.entries(files).map(([path, b]) => ({ path, sha256: sha(b) })),
    });
    const device = {
      instanceId: `ROOT\\SAMPLE\\${String(i + 1000).padStart(4, '0')}`,
      hardwareIds: [hwid],
      compatibleIds: [],
      classGuid: '{78A1C341-4539-11d3-B88D-00C04FAD5171}',
      className: 'Sample',
      description: `Bench ${id}`,
      parent: 'HTREE\\ROOT\\0',
      present: true,
      rootEnumerated: true,
      disabled: false,
      problem: 0,
      service: id,
      driver: {
        publishedName: published,
        originalName: `${id}.inf`,
        section: 'Dev.NT',
        matchingId: hwid.toLowerCase(),
        rank: '00FF0000',
        driverDate: '11/20/2026',
        driverVersion: '1.0.0.0',
        provider: 'wdksim bench',
        description: `Bench ${id}`,
        files: [`C:\\Windows\\System32\\DriverStore\\FileRepository\\${folder}\\${id}.sys`],
      },
    };
    state.devices.push(device);
    api.writeEnumKey(reg, device);
    reg.setValue(`HKLM\\SYSTEM\\CurrentControlSet\\Services\\${id}`, 'ImagePath', {
      type: 'REG_EXPAND_SZ',
      data: `\\SystemRoot\\System32\\DriverStore\\FileRepository\\${folder}\\${id}.sys`,
    });
  }
  await api.writeFirstState(root, state);
  return vouched;
}

export const steps = {};

/** CPU seconds (user + system) of this process's waited-for children, from /proc (Linux); undefined elsewhere. */
function childCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in USER_HZ (100 on Linux)
  } catch {
    return undefined;
  }
}

function timeCli(args, cwd, env, outFile, script = BIN) {
  const c0 = childCpu();
  const t0 = performance.now();
  const out = execFileSync(process.execPath, [script, ...args], { cwd, env: { ...process.env, ...env }, maxBuffer: 512 * 2 ** 20, stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = (performance.now() - t0) / 1000;
  const c1 = childCpu();
  if (outFile) writeFileSync(outFile, out);
  return { seconds, bytes: out.length, cpu: c0 === undefined || c1 === undefined ? undefined : c1 - c0 };
}

export async function run() {
  const work = join(WORK, `scale-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    await bundleApi();
    const api = await import(pathToFileURL(API).href);
    const cert = api.createTestCertificate({ subject: 'CN=WDKTestCert wdksim bench', days: 3650, now: new Date('2026-01-01T00:00:00Z'), keyBits: 2048 });
    const key = createPrivateKey(cert.keyPem);
    let made = 0;
    const makePackage = async () => {
      const id = `real${String(++made).padStart(4, '0')}`;
      const dir = join(work, 'packages', id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${id}.inf`), infText(id, `Root\\${id}`));
      writeFileSync(join(dir, `${id}.sys`), api.makeMinimalPe({ size: 4096 + made, subsystem: 'native' }));
      const members = [`${id}.inf`, `${id}.sys`].map((n) => ({ name: n, path: join(dir, n) }));
      const unsigned = await api.createCatalog({ members, osAttr: '2:10.0', catalogAttributes: [{ name: 'OS', value: '10_X64' }], version: 2, now: new Date(NOW) });
      writeFileSync(join(dir, `${id}.cat`), api.signCatalog(unsigned, { privateKey: key, certificate: cert.certDer, chain: [] }, { digest: 'sha256' }));
      return { inf: join(dir, `${id}.inf`), hwid: `Root\\${id}` };
    };
    // Every target first, then the measurements in rounds over the sizes: each round
    // measures N = 1 and N = 10,000 within seconds of each other, so the machine's
    // load (other jobs on 2 shared cores) drifts less between the two sides of a ratio.
    const targets = [];
    for (const n of SIZES) {
      const root = join(work, `target-${n}`);
      const g0 = performance.now();
      const vouched = await generate(api, root, n, cert);
      const statList = join(work, `vouched-${n}.txt`);
      writeFileSync(statList, `${vouched.join('\n')}\n`);
      const genSeconds = (performance.now() - g0) / 1000;
      const env = { WDKSIM_TARGET: root, WDKSIM_NOW: NOW, TZ: 'UTC', NO_COLOR: '1' };
      timeCli(['target', 'verify'], work, env); // first verify fills its cache
      targets.push({
        n,
        root,
        env,
        statList,
        genSeconds,
        runs: { install: [], enum: [], status: [], verify: [], enumPrint: [], statusPrint: [], verifyStat: [] },
        cpu: { install: [], enum: [], status: [], verify: [], enumPrint: [], statusPrint: [], verifyStat: [] },
      });
      process.stderr.write(`bench: target-scale N=${n} generated in ${genSeconds.toFixed(1)} s\n`);
    }
    for (let r = 0; r < REPEATS; r++) {
      for (const t of targets) {
        const pkg = await makePackage();
        const record = (key, m) => {
          t.runs[key].push(m.seconds);
          if (m.cpu !== undefined) t.cpu[key].push(m.cpu);
          return m;
        };
        record('install', timeCli(['devcon', 'install', pkg.inf, pkg.hwid], work, t.env));
        const printed = join(work, `printed-${t.n}.txt`);
        t.enumBytes = record('enum', timeCli(['pnputil', '/enum-drivers'], work, t.env, printed)).bytes;
        // The printing floor: the same bytes written by a node process that only prints them.
        record('enumPrint', timeCli([printed], work, {}, undefined, PRINT_PEER));
        t.statusBytes = record('status', timeCli(['devcon', 'status', '*'], work, t.env, printed)).bytes;
        record('statusPrint', timeCli([printed], work, {}, undefined, PRINT_PEER));
        timeCli(['target', 'verify'], work, t.env); // the install changed files: this run hashes them
        record('verify', timeCli(['target', 'verify'], work, t.env));
        // Its floor: listing the two folders and one lstat per vouched file, in a process that does only that.
        record('verifyStat', timeCli([t.root, t.statList], work, {}, undefined, STAT_PEER));
      }
      process.stderr.write(`bench: target-scale round ${r + 1} of ${REPEATS} done\n`);
    }
    const results = targets.map((t) => ({
      n: t.n,
      genSeconds: t.genSeconds,
      enumBytes: t.enumBytes,
      statusBytes: t.statusBytes,
      ...Object.fromEntries(Object.entries(t.runs).map(([k, v]) => [k, median(v)])),
      cpu: Object.fromEntries(Object.entries(t.cpu).map(([k, v]) => [k, v.length ? median(v) : undefined])),
    }));
    for (const t of targets) rmSync(t.root, { recursive: true, force: true });
    const base = results[0];
    const rows = [];
    const labels = {
      install: ['one more devcon install', '<= 1.3x'],
      enum: ['pnputil /enum-drivers', '<= 1.3x + printing'],
      status: ['devcon status *', '<= 1.3x + printing'],
      verify: ['target verify, nothing changed', '<= 1.5x'],
    };
    for (const [key, [label, target]] of Object.entries(labels)) {
      for (const r of results) {
        // A listing's "+ printing" allowance: what printing its bytes costs at N over printing them at N = 1
        // (print-peer.mjs; the same pipe); the net ratio is (time - allowance) / time at N = 1.
        // Never below 0: printing more bytes cannot cost less (a negative difference is the machine's noise).
        const print = key === 'enum' || key === 'status' ? Math.max(0, r[`${key}Print`] - base[`${key}Print`]) : undefined;
        rows.push({
          benchmark: `CLI: ${label} on a target of N packages`,
          size: `N = ${r.n}`,
          scale: r.n,
          scaleUnit: 'packages in the target',
          seconds: r[key],
          baseline: `same at N = ${base.n}`,
          baselineSeconds: base[key],
          ratio: r[key] / base[key],
          target: r.n === base.n ? '' : target,
          throughput: [
            r.cpu[key] !== undefined && base.cpu[key] ? `CPU ${r.cpu[key].toFixed(2)} s (${(r.cpu[key] / base.cpu[key]).toFixed(2)}x)` : '',
            key === 'enum'
              ? `${(r.enumBytes / 1024).toFixed(0)} KiB printed`
              : key === 'status'
                ? `${(r.statusBytes / 1024).toFixed(0)} KiB printed`
                : key === 'install'
                  ? `target generated in ${r.genSeconds.toFixed(1)} s`
                  : '',
            print !== undefined ? `printing them ${(r[`${key}Print`] * 1000).toFixed(0)} ms (at N = ${base.n}: ${(base[`${key}Print`] * 1000).toFixed(0)} ms)` : '',
          ]
            .filter(Boolean)
            .join('; '),
        });
        if (print !== undefined) {
          rows.push({
            benchmark: `CLI: ${label} on a target of N packages, net of printing`,
            size: `N = ${r.n}`,
            scale: r.n,
            scaleUnit: 'packages in the target',
            seconds: r[key] - print,
            baseline: `same at N = ${base.n}`,
            baselineSeconds: base[key],
            ratio: (r[key] - print) / base[key],
            target: r.n === base.n ? '' : '<= 1.3x',
            throughput: `${(r[key] * 1000).toFixed(0)} ms less ${(print * 1000).toFixed(0)} ms of printing (print-peer.mjs at N = ${r.n} minus at N = ${base.n})`,
          });
        }
        if (key === 'verify') {
          // The stat floor: verify at N = 1 plus what listing the folders and one lstat per vouched file cost at N
          // over N = 1 (stat-peer.mjs, a process doing only that). Never below verify at N = 1 (noise).
          const stats = Math.max(0, r.verifyStat - base.verifyStat);
          rows.push({
            benchmark: 'CLI: target verify, nothing changed, against its stat floor',
            size: `N = ${r.n}`,
            scale: r.n,
            scaleUnit: 'packages in the target',
            seconds: r.verify,
            baseline: `verify at N = ${base.n} + stat-peer.mjs at N less at N = ${base.n}`,
            baselineSeconds: base.verify + stats,
            ratio: r.verify / (base.verify + stats),
            target: '',
            throughput: `floor ${((base.verify + stats) * 1000).toFixed(0)} ms = ${(base.verify * 1000).toFixed(0)} ms + ${(stats * 1000).toFixed(0)} ms of lstat (stat-peer.mjs ${(r.verifyStat * 1000).toFixed(0)} ms at N = ${r.n}, ${(base.verifyStat * 1000).toFixed(0)} ms at N = ${base.n}); informational`,
          });
        }
      }
    }
    return rows;
  } catch (error) {
    return [{ benchmark: 'CLI on a target of N packages', size: `N = ${SIZES.join(', ')}`, skipped: String(error.message).split('\n')[0].split(ROOT).join('.') }];
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(API, { force: true });
  }
}
