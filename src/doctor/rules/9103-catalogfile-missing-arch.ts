// The project builds for an architecture, but [Version] names no catalog for
// it (CatalogFile.NT<arch>, CatalogFile.NT or CatalogFile): Inf2Cat fails with
// 22.9.4 and the package cannot be signed for that architecture.
import { archInfo } from '../../inf/arch.js';
import { catalogFileFor } from '../../package/catalog-file.js';
import { levels, defineRule } from '../../rules/types.js';
import type { DoctorContext } from '../types.js';

export default defineRule<DoctorContext>({
  id: '9103',
  name: 'catalogfile-missing-for-arch',
  levels: levels('E'),
  summary: 'No CatalogFile entry in [Version] applies to an architecture the project targets',
  fix: 'add CatalogFile=<name>.cat (or CatalogFile.NT<arch>=<name>.cat) to [Version]',
  docsUrl: 'https://learn.microsoft.com/en-us/windows-hardware/drivers/install/inf-version-section',
  check(ctx) {
    const { doc } = ctx.unit.inf;
    const { arch, stamp, project } = ctx.unit;
    if (stamp?.enabled && stamp.catalogFile) return; // StampInf -c writes it
    if (project && (!project.inf2cat.enabled || project.inf2cat.noCatalog)) return;
    const version = doc.section('Version');
    if (!version || catalogFileFor(doc, arch)) return;
    const others = version.entries.filter((e) => /^CatalogFile/i.test(e.key ?? '')).map((e) => e.rawKey ?? '');
    const header = version.headers[0];
    ctx.report({
      line: header?.line ?? version.line,
      message: `[Version] names no catalog for ${arch}${others.length ? ` (it has only ${others.join(', ')})` : ''}, yet ${project ? `the project builds ${project.platform === 'Win32' ? 'Win32' : project.platform}` : `the INF decorates its Models for ${archInfo(arch).decoration}`}: Inf2Cat fails with 22.9.4 (missing CatalogFile entry) and the ${arch} package cannot be signed.`,
      fix: `add CatalogFile.${archInfo(arch).decoration} = <name>.cat (or an undecorated CatalogFile = <name>.cat) to [Version]`,
    });
  },
});
