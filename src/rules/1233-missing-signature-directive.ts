import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atSection } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1233',
  name: 'missing-signature-directive',
  levels: levels('E'),
  summary: 'A directive needed to sign the package (CatalogFile, DriverVer) is missing from [Version]',
  fix: 'Add CatalogFile=name.cat and DriverVer=MM/DD/YYYY,w.x.y.z to [Version]',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const version = ctx.model.version;
    if (!version) return;
    const hasCatalog = version.entries.some((e) => /^catalogfile(\..*)?$/i.test(e.key ?? ''));
    if (!hasCatalog) ctx.report({ ...atSection(version), message: 'Missing directive CatalogFile required for digital signature.', fix: 'Add CatalogFile=name.cat to [Version]' });
    // stampinf adds a missing DriverVer, so an unstamped INX may lack it.
    if (!version.find('DriverVer') && !ctx.options.stampinf)
      ctx.report({
        ...atSection(version),
        message: 'Missing directive DriverVer required for digital signature.',
        fix: 'Add DriverVer=MM/DD/YYYY,w.x.y.z to [Version] (or run stampinf)',
      });
  },
});
