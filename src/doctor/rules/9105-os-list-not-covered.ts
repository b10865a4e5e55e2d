// Each /os: id's architecture must have a decorated Models section, or
// Inf2Cat fails ("does not have NTAMD64 decorated model sections"). Like
// Inf2Cat (and wdksim's inf2cat), the decoration's build is not held against
// the id: the VS template's NT$ARCH$.10.0...16299 catalogs with /os:10_X64.
import { archInfo } from '../../inf/arch.js';
import { manufacturerLines } from '../../inf/decorations.js';
import { spanAt } from '../../rules/context.js';
import { levels, defineRule } from '../../rules/types.js';
import type { DoctorContext } from '../types.js';

export default defineRule<DoctorContext>({
  id: '9105',
  name: 'os-list-not-covered',
  levels: levels('E'),
  summary: 'An inf2cat /os: id names an architecture the INF has no decorated Models section for',
  fix: 'add a Models decoration for that architecture (e.g. NTarm64) or drop the id from Inf2CatWindowsVersionList',
  docsUrl: 'https://learn.microsoft.com/en-us/windows-hardware/drivers/install/inf-manufacturer-section',
  check(ctx) {
    const { doc } = ctx.unit.inf;
    const lines = manufacturerLines(doc);
    if (lines.length === 0) return;
    const reported = new Set<string>();
    for (const os of ctx.unit.osList) {
      if (reported.has(os.arch)) continue;
      const decorated = lines.some((l) => l.decorations.some((d) => d.ok && (d.value.arch ?? 'x86') === os.arch));
      // x86 falls back to the undecorated section: only if the INF has it.
      const undecorated = os.arch === 'x86' && lines.some((l) => doc.has(l.models));
      if (decorated || undecorated) continue;
      reported.add(os.arch);
      const info = archInfo(os.arch);
      const first = lines[0]!;
      const decs = lines.flatMap((l) => l.decorations.filter((d) => d.ok).map((d) => (d.ok ? d.value.text : '')));
      ctx.report({
        ...spanAt(first.entry.span),
        message: `inf2cat /os:${os.id} (${os.windows}) needs a Models section decorated ${info.decoration}, but [Manufacturer] has ${decs.length ? `only ${decs.join(', ')}` : 'no decorations'}, so Inf2Cat fails with "does not have NT${info.label} decorated model sections".`,
        fix: `add ${info.decoration} to the [Manufacturer] line (with its [${first.models}.${info.decoration}] section) or remove ${os.id} from Inf2CatWindowsVersionList (/os:)`,
      });
    }
  },
});
