// Builds the CLI and library into dist/: one esbuild pass (ESM, code-split so
// commands load lazily) plus tsc for the library's type declarations.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const skipTypes = process.argv.includes('--no-types');

// Build beside dist and swap it in, so a test reading dist never sees half a build.
const staging = `dist.tmp-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
await build({
  // The infverif worker is its own entry: a worker thread starts from a file (src/commands/infverif-pool.ts).
  entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts', 'infverif-worker': 'src/commands/infverif-worker.ts' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies stay external, but zod is bundled: loaded from node_modules it is some 50 ES
  // modules (every locale among them) that every target command resolved, read and compiled one
  // by one. Bundled and tree-shaken (the sources import it as `* as z`) it is a 200 KB chunk:
  // devcon status at one package 0.165 -> 0.131 s CPU. It is pure ESM: no require shim needed.
  external: Object.keys(pkg.dependencies).filter((name) => name !== 'zod'),
  sourcemap: false,
  chunkNames: 'chunks/[name]-[hash]',
  define: { WDKSIM_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
if (!skipTypes) {
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', `${staging}/types`], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    console.error('build: type declarations failed (see the errors above)');
    process.exit(1);
  }
  writeFileSync(`${staging}/index.d.ts`, "export * from './types/index.js';\n");
}
// Two renames: readers of dist see the old build or the new one, never none.
const old = `dist.old-${process.pid}`;
try {
  renameSync('dist', old);
} catch {
  // no previous build
}
renameSync(staging, 'dist');
rmSync(old, { recursive: true, force: true });
