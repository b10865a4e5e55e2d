import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atToken } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1213',
  name: 'catalog-in-sourcedisksfiles',
  levels: levels('E'),
  summary: 'A catalog (.cat) file is listed in [SourceDisksFiles]',
  fix: 'Remove the .cat from [SourceDisksFiles]; CatalogFile= in [Version] names it',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const [name, list] of ctx.model.sourceFiles) {
      if (!name.trim().endsWith('.cat')) continue;
      for (const { entry } of list) ctx.report({ ...atToken(entry, entry.keyToken), message: 'Cannot list CAT files under [SourceDisksFiles].' });
    }
  },
});
