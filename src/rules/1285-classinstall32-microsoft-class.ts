import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atSection } from './context.js';
import { classByGuid, classByName, RESERVED_CLASSES } from './lib/classes.js';

export default defineRule<InfRuleContext>({
  id: '1285',
  name: 'classinstall32-microsoft-class',
  levels: levels('E'),
  summary: 'A [ClassInstall32] section installs a Microsoft-defined class',
  fix: 'Remove [ClassInstall32]: Windows already defines this class',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const name = ctx.model.className;
    const guid = ctx.model.classGuid;
    // The reserved "Sample" class counts too, in the kits that reserve it (1284, 10.0.22000 on): InfVerif
    // pairs 1284 with 1285 (Windows-driver-samples#680, Windows-rust-driver-samples#14). A class Windows
    // defines was 1285 from the first kits: "WudfBioUsbSample.inx 22" for [ClassInstall32] of the
    // Biometric class in 2016 (Windows-driver-samples#55).
    const reserves = ctx.kit.build >= 22000;
    const reserved = reserves && name && RESERVED_CLASSES.has(name.trim().toLowerCase()) ? { name: name.trim() } : undefined;
    const known = (name && classByName(name)) || (guid && classByGuid(guid)) || reserved;
    if (!known) return;
    for (const section of ctx.doc.sections) {
      if (section.lowerName.startsWith('classinstall32') && /^classinstall32(\.nt(x86|amd64|arm64|arm|ia64|\$arch\$)?)?$/.test(section.lowerName)) {
        // On the section header: #55's line 22 is the header in the stamped file (the build adds the
        // missing DriverVer to [Version], one line above), #680's 30 and #14's 28 likewise.
        ctx.report({ ...atSection(section), message: 'Cannot specify [ClassInstall32] section for Microsoft-defined class.' });
      }
    }
  },
});
