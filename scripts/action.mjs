// The GitHub Action's one step: turn the action's inputs into wdksim command
// lines, run them (one infverif run prints the text the problem matcher
// annotates and writes the SARIF file for code scanning) and report the error count. `planCommands` is pure so a
// test can check the mapping from inputs to command lines.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, appendFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const truthy = (v) => /^(true|yes|1|on)$/i.test(String(v ?? '').trim());

/** Splits the paths input on blanks, keeping quoted paths whole. */
export function splitPaths(text) {
  const out = [];
  for (const m of String(text ?? '').matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out.length ? out : ['.'];
}

/** The wdksim invocation: a published version through npx, or the action's own copy. */
export function wdksimCommand(inputs, actionPath) {
  const version = String(inputs.wdksimVersion ?? '').trim();
  if (version) return ['npx', '--yes', `wdksim@${version}`];
  return ['node', join(actionPath, 'bin', 'wdksim.js')];
}

/**
 * The project's WDK, so infverif runs the rules of the kit the driver is built with: the `wdk`
 * input, else the first WindowsTargetPlatformVersion (a .vcxproj) or "wdk" (wdksim.json) found
 * in the paths (searched two levels down). A version like "$(LatestTargetPlatformVersion)" or
 * "10.0" names no kit: then none is passed and wdksim uses its newest.
 */
export function projectWdk(paths, root = '.', depth = 2) {
  const kit = (v) => (/^\s*10\.0\.\d{5}(\.\d+)?\s*$/.test(v ?? '') ? v.trim() : undefined);
  const visit = (path, level) => {
    let info;
    try {
      info = statSync(join(root, path));
    } catch {
      return undefined;
    }
    if (info.isFile()) {
      if (/\.vcxproj$/i.test(path)) return kit(/<WindowsTargetPlatformVersion>([^<]*)</i.exec(readFileSync(join(root, path), 'utf8'))?.[1]);
      if (/(^|[\\/])wdksim\.json$/i.test(path)) {
        try {
          return kit(JSON.parse(readFileSync(join(root, path), 'utf8')).wdk);
        } catch {
          return undefined;
        }
      }
      return undefined;
    }
    if (!info.isDirectory() || level > depth) return undefined;
    let names = [];
    try {
      names = readdirSync(join(root, path))
        .filter((n) => !n.startsWith('.') && n !== 'node_modules')
        .sort();
    } catch {
      return undefined;
    }
    for (const name of names) {
      const found = visit(join(path, name), level + 1);
      if (found) return found;
    }
    return undefined;
  };
  for (const p of paths) {
    const found = visit(p, 0);
    if (found) return found;
  }
  return undefined;
}

export function planCommands(inputs, actionPath, root = '.') {
  const base = wdksimCommand(inputs, actionPath);
  const paths = splitPaths(inputs.paths);
  const mode = String(inputs.mode ?? '')
    .trim()
    .replace(/^[/-]/, '')
    .toLowerCase();
  if (mode && !['w', 'u', 'k', 'h'].includes(mode)) throw new Error(`mode must be w, u, k, h or empty, not "${inputs.mode}"`);
  const wdk = String(inputs.wdk ?? '').trim() || projectWdk(paths, root);
  const switches = [...(mode ? [`/${mode}`] : []), ...(truthy(inputs.stampinf) ? ['/stampinf'] : []), ...(wdk ? ['--wdk', wdk] : [])];
  const sarifDir = String(inputs.sarifDir || 'wdksim-sarif');
  // One validation: the text on stdout (annotated by the problem matcher) and the SARIF file come from the same run.
  const commands = [{ purpose: 'annotate', argv: [...base, 'infverif', ...switches, '--format', 'text', '--sarif-output', join(sarifDir, 'infverif.sarif'), ...paths] }];
  if (truthy(inputs.doctor)) {
    commands.push({ purpose: 'doctor', argv: [...base, 'doctor', '--format', 'sarif', '--output-file', join(sarifDir, 'doctor.sarif'), ...paths] });
  }
  return { sarifDir, commands };
}

function inputsFromEnv(env) {
  return {
    paths: env.INPUT_PATHS,
    mode: env.INPUT_MODE,
    stampinf: env.INPUT_STAMPINF,
    doctor: env.INPUT_DOCTOR,
    wdk: env.INPUT_WDK,
    sarifDir: env.INPUT_SARIF_DIR,
    wdksimVersion: env.INPUT_WDKSIM_VERSION,
  };
}

function countErrors(sarifFile) {
  if (!existsSync(sarifFile)) return 0;
  const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
  return sarif.runs.flatMap((r) => r.results ?? []).filter((r) => r.level === 'error').length;
}

function main() {
  const actionPath = process.env.ACTION_PATH ?? join(fileURLToPath(import.meta.url), '..', '..');
  const inputs = inputsFromEnv(process.env);
  const { sarifDir, commands } = planCommands(inputs, actionPath);
  if (!inputs.wdksimVersion && !existsSync(join(actionPath, 'dist', 'cli.js'))) {
    for (const argv of [
      ['npm', 'ci', '--no-audit', '--no-fund'],
      ['node', 'scripts/build.mjs', '--no-types'],
    ]) {
      const r = spawnSync(argv[0], argv.slice(1), { cwd: actionPath, stdio: 'inherit' });
      if (r.status !== 0) process.exit(r.status ?? 1);
    }
  }
  mkdirSync(sarifDir, { recursive: true });
  console.log(`::add-matcher::${join(actionPath, '.github', 'wdksim-problem-matcher.json')}`);
  let failed = false;
  for (const { purpose, argv } of commands) {
    console.log(`$ ${argv.join(' ')}`);
    const r = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit' });
    if (r.status === 2) failed = true; // usage or unreadable input: not a finding, a broken step
    if (purpose === 'annotate') console.log('::remove-matcher owner=wdksim-infverif::');
  }
  const errors = countErrors(join(sarifDir, 'infverif.sarif')) + countErrors(join(sarifDir, 'doctor.sarif'));
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `errors=${errors}\n`);
  console.log(`wdksim: ${errors} error(s)`);
  if (failed) process.exit(2);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
