import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry, atToken } from './context.js';

export default defineRule<InfRuleContext>({
  id: '2010', name: 'missing-arch-decoration', levels: levels('W'),
  summary: 'A Models section has no architecture decoration and is treated as x86 only',
  fix: 'Decorate the Models section with the architecture: %Mfg% = Models, NTamd64',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const line of ctx.model.manufacturerLines) {
      if (line.modelsName === '') continue;
      const undecorated = line.decorations.find((d) => d.dec && !d.dec.arch);
      if (line.decorations.length === 0) {
        ctx.report({ ...atEntry(line.entry), message: `Models section [${line.modelsName}] has no architecture decoration; it is implicitly treated as x86` });
      } else if (undecorated) {
        ctx.report({ ...atToken(line.entry, undecorated.token), message: `Decoration "${undecorated.text}" has no architecture; [${line.modelsName}.${undecorated.text}] is implicitly treated as x86` });
      }
    }
  },
});
