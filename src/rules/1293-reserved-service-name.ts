import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';

/**
 * Service names InfVerif reserves for Microsoft's driver samples, as far as public output shows them:
 * "Service name 'ECHO' is reserved" (Windows-driver-samples#680), 'dynambus' (#1025), 'statbus',
 * 'BthEchoSampleSrv' and 'BthEchoSampleCli' (#1177). InfVerif's full list is not public. #1025 ("Reserved
 * service name errors when building Toaster KMDF samples") lists the bus drivers and goes on with the
 * filter project, whose services are ToasterFilter and wdffeatured: wdksim reserves the rest of the KMDF
 * toaster family with them (wdfsimple, wdfToastMon), and no other sample's names.
 */
const RESERVED = new Set(['echo', 'dynambus', 'statbus', 'bthechosamplesrv', 'bthechosamplecli', 'toasterfilter', 'wdffeatured', 'wdfsimple', 'wdftoastmon']);

export default defineRule<InfRuleContext>({
  id: '1293',
  name: 'reserved-service-name',
  levels: levels('E'),
  summary: "A service is named after one of Microsoft's driver samples (a reserved name)",
  fix: 'Give the service a name of your own (and rename it in AddService, KmdfService and ServiceBinary)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    // Both the AddService and the KmdfService line are reported (#1025); UMDF service names are not NT services.
    for (const key of ['addservice', 'kmdfservice']) {
      for (const entry of ctx.model.directives(key)) {
        const name = (entry.fields[0] ?? '').trim();
        if (name !== '' && RESERVED.has(name.toLowerCase())) ctx.report({ ...atField(entry, 0), message: `Service name '${name}' is reserved.` });
      }
    }
  },
});
