// Each /os: id must find a Models section for its architecture and build in
// every [Manufacturer] line; otherwise Inf2Cat fails ("does not have NTAMD64
// decorated model sections that apply to ...").
import { archInfo } from '../../inf/arch.js';
import { selectModelsSections } from '../../inf/decorations.js';
import { spanAt } from '../../rules/context.js';
import { levels, defineRule } from '../../rules/types.js';
import type { DoctorContext } from '../types.js';

export default defineRule<DoctorContext>({
  id: '9105', name: 'os-list-not-covered', levels: levels('E'),
  summary: 'An inf2cat /os: id has no Models section among the INF\'s TargetOS decorations',
  fix: 'add a Models decoration that applies to that OS (e.g. NTamd64) or drop the id from Inf2CatWindowsVersionList',
  docsUrl: 'https://learn.microsoft.com/en-us/windows-hardware/drivers/install/inf-manufacturer-section',
  check(ctx) {
    const { doc } = ctx.unit.inf;
    for (const os of ctx.unit.osList) {
      // Every id is checked against this platform's INF: an ARM64 id in the x64 build's list fails too.
      for (const choice of selectModelsSections(doc, { arch: os.arch, major: os.major, minor: os.minor, build: os.build, productType: os.productType })) {
        // x86 falls back to the undecorated section: only if the INF has it.
        if (choice.section && (choice.decoration || doc.has(choice.section))) continue;
        const decs = choice.line.decorations.filter((d) => d.ok).map((d) => (d.ok ? d.value.text : ''));
        const label = archInfo(os.arch).label;
        ctx.report({
          ...spanAt(choice.line.entry.span),
          message: `inf2cat /os:${os.id} (${os.windows}, build ${os.build}) finds no Models section for [Manufacturer] ${choice.line.models}: ${decs.length ? `its decorations (${decs.join(', ')}) do not apply to that OS` : 'it has no decorations'}, so Inf2Cat fails with "does not have NT${label} decorated model sections that apply to ${os.windows}".`,
          fix: `add a decoration that covers ${os.id} (e.g. NT${os.arch}${decs.some((d) => /\.\d/.test(d)) ? `.${os.major}.${os.minor}...${os.build}` : ''}) or remove ${os.id} from Inf2CatWindowsVersionList (/os:)`,
        });
      }
    }
  },
});
