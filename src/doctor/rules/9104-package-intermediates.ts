// Inf2Cat hashes and checks everything under /driver:. Pointed at (or over)
// the build's intermediate folder it crawls .obj, .pdb, .tmh and .tlog files
// for minutes, and the catalog is built from a folder nobody ships.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { levels, defineRule } from '../../rules/types.js';
import type { DoctorContext } from '../types.js';

const INTERMEDIATE = /\.(obj|tmh|pdb|tlog|ilk|iobj|ipdb|idb|pch|lastbuildstate|res|exp|recipe|cod)$/i;

/** Intermediate files and folders (.tlog) under dir, up to a few levels and a bounded count. */
export function intermediates(dir: string, limit = 200): string[] {
  const out: string[] = [];
  const visit = (d: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (out.length >= limit) return;
      const abs = join(d, name);
      const rel = relative(dir, abs).split(sep).join('/');
      if (INTERMEDIATE.test(name)) {
        out.push(rel);
        continue;
      }
      let info;
      try {
        info = statSync(abs);
      } catch {
        continue;
      }
      if (info.isDirectory() && depth < 3) visit(abs, depth + 1);
    }
  };
  visit(dir, 0);
  return out;
}

function contains(outer: string, inner: string): boolean {
  const rel = relative(resolve(outer), resolve(inner));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
}

export default defineRule<DoctorContext>({
  id: '9104',
  name: 'package-folder-intermediates',
  levels: levels('W'),
  summary: 'The inf2cat /driver: folder holds build intermediates (.obj, .tmh, .pdb, .tlog...)',
  fix: 'point /driver: (PackageDir) at a folder holding only the package: $(OutDir)$(ProjectName)\\',
  docsUrl: 'https://learn.microsoft.com/en-us/windows-hardware/drivers/devtest/inf2cat',
  check(ctx) {
    const { project, packageDir, intDir } = ctx.unit;
    if (project && !project.inf2cat.enabled) return;
    if (project && intDir && contains(packageDir, intDir)) {
      ctx.report({
        ...ctx.projectEvidence(/<PackageDir>/i, /"packageDir"/i, /<OutDir>/i, /<IntDir>/i),
        message: `the package folder inf2cat gets as /driver: (${ctx.show(packageDir)}) ${resolve(packageDir) === resolve(intDir) ? 'is' : 'contains'} the intermediate folder (${ctx.show(intDir)}): Inf2Cat crawls every .obj, .pdb, .tmh and .tlog the compiler leaves there, which takes minutes and can fail on files it cannot parse.`,
        fix: 'set PackageDir to its own folder, e.g. <PackageDir>$(OutDir)$(ProjectName)\\</PackageDir>, apart from $(IntDir)',
      });
      return;
    }
    const found = intermediates(packageDir);
    if (!found.length) return;
    const shown = found.slice(0, 3).join(', ') + (found.length > 3 ? `, and ${found.length >= 200 ? '200+' : found.length - 3} more` : '');
    ctx.report({
      ...(project ? ctx.projectEvidence(/<PackageDir>/i, /"packageDir"/i, /<OutDir>/i) : { line: 0 }),
      message: `the folder inf2cat gets as /driver: (${ctx.show(packageDir)}) holds build intermediates (${shown}): Inf2Cat crawls all of them, which takes minutes, and they would end up next to the catalog.`,
      fix: project
        ? 'give the package its own folder (PackageDir = $(OutDir)$(ProjectName)\\) and keep $(IntDir) elsewhere'
        : 'copy the INF, its catalog and the files it names into a clean folder and run inf2cat /driver: on that folder',
    });
  },
});
