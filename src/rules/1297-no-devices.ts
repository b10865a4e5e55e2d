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
    // A whole-file finding: InfVerif prints line 0 (windows-driver-docs#2067). An entry with no
    // hardware ID (a virtual printer's "Model" = Install line) installs on no device: xdsmpl.inf,
    // whose Models entries all lack one, got "error 1297: (NTarm64.6.0) Device driver does not
    // install on any devices" (Windows-driver-samples#539; a virtual printer in docs#2067 too).
    // InfVerif names one target OS: the last decoration of the [Manufacturer] line.
    if (ctx.model.modelEntries.some((m) => m.hardwareIds.some((id) => id !== ''))) return;
    const decorated = ctx.model.modelsSections.filter((m) => m.dec);
    const last = decorated[decorated.length - 1];
    const targetOs = last ? last.name.slice(last.name.indexOf('.') + 1) : undefined;
    ctx.report({ line: 0, message: 'Device driver does not install on any devices, use primitive driver if this is intended.', ...(targetOs ? { targetOs } : {}) });
  },
});
