// `target verify --repair`: when the state and its last committed copy are both
// damaged, rebuild what the files on disk still tell: the OS release and
// architecture (from setupapi.dev.log's header), a freshly provisioned machine
// (inbox devices, classes, registry), and every driver package in the driver
// store (its INF, catalog and files, under the published oemN.inf whose bytes
// match the store's INF). Devices installed with third-party drivers, services
// and registry changes are not on disk as files: they are lost, and the report
// says so (install the drivers again).
import { TargetError } from '../errors.js';
import { parseInf } from '../inf/parse.js';
import { catalogFileFor } from '../package/catalog-file.js';
import { listDir, lookEntry, readRegular, writeAtomic } from './fs/jail.js';
import { versionFacts } from './inf-facts.js';
import { INF_DIR, STORE_DIR } from './layout.js';
import type { DriverPackageRecord } from './model.js';
import { DEFAULT_OS, findOs, type TargetArch } from './os.js';
import { provisionedState } from './provision.js';
import { LOG_PATH } from './setupapi-log.js';
import { nextPublishedName } from './stage.js';
import { readState, sha256, writeFirstState } from './state-store.js';
import { LazyState } from './lazy-state.js';
import type { Target } from './target.js';

export interface RepairResult {
  rebuilt: boolean;
  osName?: string;
  packages: string[];
  lost: string[];
}

/** Every regular file under a store folder (relative paths), walked iteratively without following links. */
async function storeFiles(root: string, folder: string): Promise<{ path: string; bytes: Buffer }[]> {
  const out: { path: string; bytes: Buffer }[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    for (const name of (await listDir(root, `${folder}${rel ? `/${rel}` : ''}`)) ?? []) {
      const r = rel ? `${rel}/${name}` : name;
      const e = await lookEntry(root, `${folder}/${r}`).catch(() => undefined);
      if (e?.kind === 'dir') pending.push(r);
      else if (e?.kind === 'file') {
        const bytes = await readRegular(root, `${folder}/${r}`);
        if (bytes) out.push({ path: r, bytes });
      }
    }
  }
  return out;
}

export async function repairTarget(target: Target): Promise<RepairResult> {
  return target.withLock(async () => {
    const root = target.root;
    try {
      const state = await readState(root, { restore: true });
      // Every record file read now: one damaged beyond its committed copy means the state is rebuilt too.
      if (state instanceof LazyState) {
        state.loadAll();
        await state.writeBackRestored();
      }
      return { rebuilt: false, packages: [], lost: [] };
    } catch (error) {
      if (!(error instanceof TargetError)) throw error;
    }
    const header = (await readRegular(root, LOG_PATH).catch(() => undefined))?.toString('latin1') ?? '';
    const build = /OS Version = \d+\.\d+\.(\d+)/.exec(header)?.[1];
    const archText = /Architecture = (amd64|x86|arm64)/.exec(header)?.[1] as TargetArch | undefined;
    const os = (build && findOs(build)) || findOs(DEFAULT_OS)!;
    const arch: TargetArch = archText ?? 'amd64';
    const state = provisionedState(target.ctx, { os, arch, testsigning: true });
    const published = new Map<string, string>(); // sha256 of an oemN.inf → its name
    for (const name of (await listDir(root, INF_DIR).catch(() => undefined)) ?? []) {
      if (!/^oem\d+\.inf$/i.test(name)) continue;
      const bytes = await readRegular(root, `${INF_DIR}/${name}`).catch(() => undefined);
      if (bytes) published.set(sha256(bytes), name);
    }
    const rebuilt: string[] = [];
    for (const folder of ((await listDir(root, STORE_DIR).catch(() => undefined)) ?? []).sort()) {
      const m = /^(.+\.inf)_(amd64|x86|arm64)_[0-9a-f]{16}$/i.exec(folder);
      if (!m || (await lookEntry(root, `${STORE_DIR}/${folder}`).catch(() => undefined))?.kind !== 'dir') continue;
      const files = await storeFiles(root, `${STORE_DIR}/${folder}`);
      const inf = files.find((f) => f.path.toLowerCase() === m[1]!.toLowerCase());
      if (!inf) continue;
      const doc = parseInf(inf.bytes, { file: inf.path });
      const facts = versionFacts(doc);
      const catalog = catalogFileFor(doc, arch);
      const cat = catalog ? files.find((f) => f.path.toLowerCase() === catalog.name.toLowerCase()) : undefined;
      const publishedName = published.get(sha256(inf.bytes)) ?? nextPublishedName(state.packages);
      const record: DriverPackageRecord = {
        publishedName,
        originalName: inf.path.toLowerCase(),
        storeFolder: folder,
        provider: facts.provider,
        className: facts.className,
        classGuid: facts.classGuid,
        driverDate: facts.driverDate,
        driverVersion: facts.driverVersion,
        ...(cat ? { catalog: cat.path } : {}),
        testSigned: true,
        arch: m[2]!.toLowerCase(),
        files: files.map((f) => ({ path: f.path, sha256: sha256(f.bytes) })),
      };
      state.packages.push(record);
      const publish = async (name: string, bytes: Buffer) => {
        const rel = `${INF_DIR}/${name}`;
        const there = await readRegular(root, rel).catch(() => undefined);
        if (!there || !there.equals(bytes)) await writeAtomic(root, rel, bytes, 'repair', 'published INF');
        state.files.push({ path: rel, sha256: sha256(bytes) });
      };
      await publish(publishedName, inf.bytes);
      if (cat) await publish(publishedName.replace(/\.inf$/i, '.cat'), cat.bytes);
      rebuilt.push(`${publishedName} (${folder})`);
    }
    await writeFirstState(root, state);
    return {
      rebuilt: true,
      osName: `${os.name} ${arch}`,
      packages: rebuilt,
      lost: [
        'devices installed with third-party drivers, their services and registry values (install the drivers again: devcon install)',
        'certificates imported into Root and TrustedPublisher (deploy the package again)',
        'pending boot settings (test signing is assumed on)',
      ],
    };
  }, 'target verify --repair');
}
