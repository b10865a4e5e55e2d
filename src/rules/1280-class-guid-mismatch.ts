import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { classByName } from './lib/classes.js';
import { isGuid } from './lib/guid.js';

export default defineRule<InfRuleContext>({
  id: '1280',
  name: 'class-guid-mismatch',
  levels: levels('E'),
  summary: "Class names a Microsoft-defined class but ClassGuid is not that class's GUID",
  fix: 'Use the ClassGuid Microsoft defines for this class',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const version = ctx.model.version;
    const guidEntry = version?.find('ClassGuid');
    const name = ctx.model.className;
    const guid = guidEntry?.fields[0]?.trim();
    if (!guidEntry || !name || !guid || !isGuid(guid)) return;
    const known = classByName(name);
    if (known && known.guid.toLowerCase() !== guid.toLowerCase()) {
      ctx.report({ ...atField(guidEntry, 0), message: `Class "${name}" does not match ClassGuid ${guid}; class ${known.name} is ${known.guid}` });
    }
  },
});
