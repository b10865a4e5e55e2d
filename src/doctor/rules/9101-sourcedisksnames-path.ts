// A SourceDisksNames path (`1 = %Disk%,,,\x64`, usually in SourceDisksNames.amd64)
// makes setup and Inf2Cat look for the files in that subfolder of the package;
// Visual Studio lays the package out flat, so Inf2Cat fails with 22.9.1
// ("missing or cannot be decompressed").
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArch, type Arch } from '../../inf/arch.js';
import type { InfDocument, InfSection } from '../../inf/document.js';
import { spanAt } from '../../rules/context.js';
import { levels, defineRule } from '../../rules/types.js';
import type { DoctorContext } from '../types.js';

/** Sections BASE and BASE.<arch> that apply to arch: the decorated one wins for SourceDisksNames. */
export function archSections(doc: InfDocument, base: string, arch: Arch): { decorated?: InfSection; plain?: InfSection } {
  let decorated: InfSection | undefined;
  for (const s of doc.sections) {
    const m = /^([^.]+)\.(.+)$/.exec(s.name);
    if (m && m[1]!.toLowerCase() === base.toLowerCase() && parseArch(m[2]!) === arch) decorated = s;
  }
  return { decorated, plain: doc.section(base) };
}

/** Case-insensitive existence of dir/parts... (Windows names). */
export function findCi(dir: string, parts: string[]): string | undefined {
  let current = dir;
  for (const part of parts) {
    if (!existsSync(current)) return undefined;
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return undefined;
    }
    const hit = names.find((n) => n.toLowerCase() === part.toLowerCase());
    if (!hit) return undefined;
    current = join(current, hit);
  }
  return current;
}

export function pathParts(path: string): string[] {
  return path.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
}

const OS_EXAMPLE: Record<Arch, string> = { x86: '10_X86', amd64: '10_X64', arm64: '10_RS3_ARM64', arm: '8_ARM', ia64: 'Server2008_IA64' };

/**
 * Inf2Cat checks only the architectures its /os list names. A project's unit knows that list;
 * a standalone INF does not, so the claim names the condition (an amd64-only `/os:10_X64` run
 * never looks at [SourceDisksNames.x86]).
 */
function inf2catFails(osList: readonly unknown[], arch: Arch): string {
  const failure = 'Inf2Cat fails with 22.9.1 (file missing or cannot be decompressed)';
  return osList.length > 0 ? failure : `${failure} when its /os list names an ${arch} version (such as /os:${OS_EXAMPLE[arch]})`;
}

export default defineRule<DoctorContext>({
  id: '9101',
  name: 'sourcedisksnames-path',
  levels: levels('E'),
  summary: 'A SourceDisksNames path points the files at a subfolder the package does not have',
  fix: 'drop the path field (1 = %DiskName%,,,) or lay the package out with that subfolder',
  docsUrl: 'https://learn.microsoft.com/en-us/windows-hardware/drivers/install/inf-sourcedisksnames-section',
  check(ctx) {
    const { doc } = ctx.unit.inf;
    const { arch, packageDir, project } = ctx.unit;
    const names = archSections(doc, 'SourceDisksNames', arch);
    const section = names.decorated ?? names.plain;
    if (!section) return;
    const files = archSections(doc, 'SourceDisksFiles', arch);
    const fileEntries = [...(files.decorated?.entries ?? []), ...(files.plain?.entries ?? [])];
    const built = existsSync(packageDir);
    for (const entry of section.entries) {
      const diskId = entry.key?.trim();
      const path = entry.fields[3]?.trim() ?? '';
      if (!diskId || pathParts(path).length === 0) continue;
      const onDisk = fileEntries.filter((f) => f.key && (f.fields[0]?.trim() ?? '') === diskId);
      const missing: string[] = [];
      const atRoot: string[] = [];
      for (const f of onDisk) {
        const name = f.key!.trim();
        const sub = f.fields[1]?.trim() ?? '';
        const expected = [...pathParts(path), ...pathParts(sub), ...pathParts(name)];
        if (built && findCi(packageDir, expected)) continue;
        missing.push(name);
        if (!built || findCi(packageDir, [...pathParts(sub), ...pathParts(name)])) atRoot.push(name);
      }
      if (!missing.length) continue;
      const list = missing.slice(0, 3).join(', ') + (missing.length > 3 ? `, and ${missing.length - 3} more` : '');
      const token = entry.fieldTokens[3];
      const layout =
        !built && project
          ? `the package folder the project builds (${ctx.show(packageDir)}) is flat, as Visual Studio lays every file at its root`
          : atRoot.length
            ? `the package folder holds ${atRoot[0]} at its root, not in ${path}`
            : `the package folder has no ${path} subfolder with them`;
      ctx.report({
        ...(token && token.span.start.line === entry.line ? spanAt(token.span) : spanAt(entry.span)),
        message: `[${section.name}] disk ${diskId} puts its files under "${path}" (${list}), but ${layout}: ${inf2catFails(ctx.unit.osList, arch)} and setup cannot find them when installing for ${arch}.`,
        fix: `remove the path from [${section.name}] (${diskId} = ${entry.rawFields[0] ?? '%DiskName%'},,,) or put the files in a ${path} subfolder of the package`,
      });
    }
  },
});
