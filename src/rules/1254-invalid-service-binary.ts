import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1254',
  name: 'invalid-service-binary',
  levels: levels('E'),
  summary: 'ServiceBinary has a path with unquoted spaces that Windows cannot split into image path and arguments',
  fix: 'Quote the ServiceBinary path: ServiceBinary = "%13%\\My Driver.sys"',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const section of ctx.model.serviceSections) {
      const entry = section.find('ServiceBinary');
      const token = entry?.fieldTokens[0];
      const value = entry?.fields[0]?.trim() ?? '';
      if (!entry || !token || token.quoted || !value.includes(' ')) continue;
      const image = value.slice(0, value.indexOf(' '));
      if (!/\.(sys|exe|dll)$/i.test(image)) ctx.report({ ...atField(entry, 0), message: `Invalid service image path "${value}": quote a path that contains spaces` });
    }
  },
});
