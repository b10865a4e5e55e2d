import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { serviceBinaryFile } from './lib/service.js';

/** Inbox binaries a package names without copying them (UMDF reflector). */
const INBOX = new Set(['wudfrd.sys']);

export default defineRule<InfRuleContext>({
  id: '2084', name: 'service-binary-not-copied', levels: levels('W/W/E'),
  summary: 'ServiceBinary names a file that no CopyFiles in the INF copies',
  fix: 'Copy the service binary with CopyFiles, or point ServiceBinary at the copied file',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const copied = new Set(ctx.model.copies.map((c) => c.dest.toLowerCase()));
    for (const section of ctx.model.serviceSections) {
      const entry = section.find('ServiceBinary');
      const file = serviceBinaryFile(entry?.fields[0] ?? '');
      if (entry && file !== '' && !copied.has(file.toLowerCase()) && !INBOX.has(file.toLowerCase())) {
        ctx.report({ ...atField(entry, 0), message: `Service binary '${file}' should reference a CopyFiles destination file.` });
      }
    }
  },
});
