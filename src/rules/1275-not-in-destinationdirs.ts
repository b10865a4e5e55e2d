import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry, atToken } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1275',
  name: 'not-in-destinationdirs',
  levels: levels('E'),
  summary: 'Files are copied (or deleted/renamed) but [DestinationDirs] gives no directory for them and has no DefaultDestDir',
  fix: 'Add "Section = 13" (or DefaultDestDir = 13) to [DestinationDirs]',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const { model, doc } = ctx;
    for (const ref of model.refs) {
      if (ref.kind !== 'files' && ref.kind !== 'delfiles' && ref.kind !== 'renfiles') continue;
      const section = doc.section(ref.name);
      if (!section || model.destinationDirs.has(section.name.toLowerCase())) continue;
      // DelFiles/RenFiles sections must be listed explicitly.
      if (ref.kind === 'files' && model.defaultDestDir) continue;
      ctx.report({
        ...atToken(ref.entry, ref.token),
        message: `Section [${section.name}] is not listed in [DestinationDirs]${ref.kind === 'files' ? ' and there is no DefaultDestDir' : ''}`,
      });
    }
    if (!model.defaultDestDir) {
      for (const copy of model.copies) {
        if (!copy.list) ctx.report({ ...atEntry(copy.entry), message: `File ${copy.dest} copied with ${copy.entry.rawKey}=@ needs DefaultDestDir in [DestinationDirs]` });
      }
    }
  },
});
