#!/usr/bin/env node
// Checks a packed wdksim tarball as a user gets it: installs it into an empty
// folder (its dependencies come from the npm registry, or the local npm cache),
// then `npx wdksim --version` must print the package's version, the library
// must import, and a TypeScript file importing it must compile (`tsc --noEmit`,
// strict, NodeNext) against the tarball's own dist/*.d.ts.
// Usage: node scripts/check-tarball.mjs wdksim-x.y.z.tgz [--keep]
// Used by the release workflow and by test/e2e/pack.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(repo, 'package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Runs the checks; returns what each printed. Throws (with the tool's output) on the first failure. */
export function checkTarball(tarball, options = {}) {
  const work = mkdtempSync(join(tmpdir(), 'wdksim-tarball-'));
  const run = (cmd, args) =>
    execFileSync(cmd, args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32', env: { ...process.env, NO_COLOR: '1' } });
  try {
    writeFileSync(join(work, 'package.json'), `${JSON.stringify({ name: 'wdksim-tarball-check', private: true, type: 'module' }, null, 2)}\n`);
    run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', resolve(tarball)]);
    const installed = JSON.parse(readFileSync(join(work, 'node_modules', 'wdksim', 'package.json'), 'utf8'));

    const version = run(npx, ['--no-install', 'wdksim', '--version']).trim();
    if (version !== installed.version) throw new Error(`npx wdksim --version printed "${version}", expected ${installed.version}`);

    writeFileSync(join(work, 'use.mjs'), "import { parseInf } from 'wdksim';\nconsole.log(parseInf(Buffer.from('[Version]\\nSignature=$Chicago$\\n')).section('version').name);\n");
    const imported = run(process.execPath, ['use.mjs']).trim();
    if (imported !== 'Version') throw new Error(`importing the library printed "${imported}", expected Version`);

    writeFileSync(
      join(work, 'use.ts'),
      [
        "import { parseInf, validateDocument, type ValidationResult } from 'wdksim';",
        "const doc = parseInf(Buffer.from('[Version]\\nSignature=$Chicago$\\n'));",
        "const name: string | undefined = doc.section('version')?.name;",
        'const result: ValidationResult = validateDocument(doc);',
        'const codes: string[] = result.diagnostics.map((d) => d.code);',
        'console.log(name, codes.length);',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          // Report an untyped import (TS7016) or a broken declaration in wdksim's own types.
          noImplicitAny: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [join(repo, 'node_modules', '@types')],
        },
        files: ['use.ts'],
      }),
    );
    const tsc = require.resolve('typescript/bin/tsc');
    const typecheck = run(process.execPath, [tsc, '-p', 'tsconfig.json']);
    return { work, version, imported, typecheck };
  } catch (error) {
    const detail = error && typeof error === 'object' && 'stdout' in error ? `\n${error.stdout ?? ''}${error.stderr ?? ''}` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${detail}`);
  } finally {
    if (!options.keep) rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [tarball, ...rest] = process.argv.slice(2);
  if (!tarball) {
    console.error('usage: node scripts/check-tarball.mjs wdksim-x.y.z.tgz [--keep]');
    process.exit(2);
  }
  try {
    const r = checkTarball(tarball, { keep: rest.includes('--keep') });
    console.log(`${tarball}: npx wdksim --version = ${r.version}; the library imports; its types compile (tsc --noEmit)`);
  } catch (error) {
    console.error(`${tarball}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
