import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atToken } from './context.js';

const COMPRESSED = /\.[a-z0-9]{1,2}_$/i;

export default defineRule<InfRuleContext>({
  id: '1231',
  name: 'compressed-name',
  levels: levels('W/E/E'),
  summary: 'A source file has a compressed name (x.sy_); driver packages use uncompressed files',
  fix: 'Ship the uncompressed file and list it by its real name',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const list of ctx.model.sourceFiles.values()) {
      for (const { entry } of list) {
        if (COMPRESSED.test(entry.key ?? '')) ctx.report({ ...atToken(entry, entry.keyToken), message: `Expecting an uncompressed file name, found ${entry.key}` });
      }
    }
  },
});
