import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { registryLines } from './lib/registry.js';

export default defineRule<InfRuleContext>({
  id: '1323', name: 'service-value-not-parameters', levels: modeLevels('-/-/E'),
  summary: 'Driver isolation: a service\'s HKR registry value is not under the Parameters subkey',
  fix: 'Write service settings under HKR,Parameters',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (!r.inService || r.root !== 'hkr' || r.ref.kind !== 'registry') continue;
      if (!/^parameters(\\|$)/i.test(r.subkey)) ctx.report({ ...atField(r.entry, 1), message: `Service registry value ${r.subkey ? `${r.subkey}\\` : ''}${r.valueName || '(default)'} must be under the Parameters subkey` });
    }
  },
});
