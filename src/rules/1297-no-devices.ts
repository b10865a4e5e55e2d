import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1297',
  name: 'no-devices',
  levels: levels('E'),
  summary: 'A device INF has a [Manufacturer] section but no Models entry installs on any device',
  fix: 'Add Models entries with hardware IDs, or make the INF a primitive driver ([DefaultInstall] without [Manufacturer])',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const mfg = ctx.doc.section('Manufacturer');
    if (!mfg || ctx.model.modelsSections.length === 0) return;
    if (ctx.model.modelsSections.some((m) => !m.section)) return; // 1203 already
    // A whole-file finding: InfVerif prints line 0 (windows-driver-docs#2067).
    if (ctx.model.modelEntries.length === 0) ctx.report({ line: 0, message: 'Device driver does not install on any devices, use primitive driver if this is intended.' });
  },
});
