// A KMDF driver built for a framework version newer than the oldest targeted
// Windows has in the box does not load there (Code 39 / 0xC0000428 "requires
// a newer version of the framework"), although it builds and signs cleanly.
import { manufacturerLines, selectModelsSections } from '../../inf/decorations.js';
import { spanAt } from '../../rules/context.js';
import { levels, defineRule } from '../../rules/types.js';
import type { DoctorContext } from '../types.js';
import { firstReleaseWithKmdf, inboxKmdfMinor } from '../kmdf.js';

type Os = { major: number; minor: number; build: number; name: string };

function older(a: Os, b: Os): boolean {
  return a.major !== b.major ? a.major < b.major : a.minor !== b.minor ? a.minor < b.minor : a.build < b.build;
}

export default defineRule<DoctorContext>({
  id: '9106',
  name: 'kmdf-too-new',
  levels: levels('E'),
  summary: 'The KMDF version is newer than the oldest targeted Windows release ships',
  fix: 'lower KMDF_VERSION_MINOR to what the oldest target ships, or drop that OS from the targets',
  docsUrl: 'https://learn.microsoft.com/en-us/windows-hardware/drivers/wdf/kmdf-version-history',
  check(ctx) {
    const { doc } = ctx.unit.inf;
    const { project, stamp, osList, arch } = ctx.unit;
    // The version: KmdfLibraryVersion in the INF's [*.Wdf] sections, else the project's (StampInf -k).
    let version: string | undefined;
    let where: { file?: string; line: number; column?: number; endColumn?: number } | undefined;
    for (const s of doc.sections) {
      if (!/\.wdf$/i.test(s.name)) continue;
      const e = s.find('KmdfLibraryVersion');
      const v = e?.fields[0]?.trim();
      if (e && v && /^1\.\d+$/.test(v)) {
        version = v;
        where = /\$KMDFVERSION\$/i.test(e.rawFields[0] ?? '') ? undefined : spanAt(e.fieldTokens[0]?.span ?? e.span);
        break;
      }
    }
    if (!version && project?.driverType === 'KMDF') version = stamp?.kmdfVersion;
    if (!version) return;
    if (!where) where = ctx.projectEvidence(/<KMDF_VERSION_MINOR>/i, /"kmdfVersion"/i, /<Inf\s+Include=/i);
    const minor = Number(version.split('.')[1]);
    // The oldest OS the package installs on: the /os ids its Models decorations
    // cover (an uncovered id is 9105's finding), else its own lowest decorated
    // version for this architecture (NTamd64.10.0...16299 → build 16299).
    let oldest: Os | undefined;
    for (const os of osList) {
      if (os.arch !== arch) continue;
      const choices = selectModelsSections(doc, { arch: os.arch, major: os.major, minor: os.minor, build: os.build, productType: os.productType });
      if (!choices.length || choices.some((c) => !c.section || (!c.decoration && !doc.has(c.section)))) continue;
      const cand = { major: os.major, minor: os.minor, build: os.build, name: `${os.windows} (/os:${os.id})` };
      if (!oldest || older(cand, oldest)) oldest = cand;
    }
    if (!oldest) {
      for (const line of manufacturerLines(doc)) {
        for (const d of line.decorations) {
          if (!d.ok || d.value.arch !== arch || d.value.major === undefined) continue;
          const cand = { major: d.value.major, minor: d.value.minor ?? 0, build: d.value.build ?? 0, name: `the INF's ${d.value.text} decoration` };
          if (!oldest || older(cand, oldest)) oldest = cand;
        }
      }
    }
    if (!oldest) return;
    const inbox = inboxKmdfMinor(oldest);
    if (inbox === undefined || minor <= inbox) return;
    ctx.report({
      ...where,
      message: `the driver uses KMDF ${version}, but the oldest Windows it targets, ${oldest.name}, ships KMDF 1.${inbox}: there the driver does not load (Code 39, "requires a newer version of the framework")${firstReleaseWithKmdf(minor) ? `; KMDF ${version} first ships in ${firstReleaseWithKmdf(minor)}` : ''}.`,
      fix: `set KMDF_VERSION_MINOR to ${inbox} (KMDF 1.${inbox}) or target ${firstReleaseWithKmdf(minor) ?? 'a newer Windows'} and later only`,
    });
  },
});
