import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { classByGuid, classByName } from './lib/classes.js';

export default defineRule<InfRuleContext>({
  id: '1281',
  name: 'guid-class-mismatch',
  levels: levels('E'),
  summary: 'ClassGuid is a Microsoft-defined class GUID but Class names a different class',
  fix: 'Use the class name that goes with this ClassGuid',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const classEntry = ctx.model.version?.find('Class');
    const name = ctx.model.className?.trim();
    const guid = ctx.model.classGuid;
    if (!classEntry || !name || !guid) return;
    const known = classByGuid(guid);
    if (known && known.name.toLowerCase() !== name.toLowerCase() && !classByName(name)) {
      ctx.report({ ...atField(classEntry, 0), message: `ClassGuid ${guid.trim()} belongs to class ${known.name}, not "${name}"` });
    }
  },
});
