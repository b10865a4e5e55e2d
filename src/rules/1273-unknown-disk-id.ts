import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1273',
  name: 'unknown-disk-id',
  levels: levels('E'),
  summary: 'A [SourceDisksFiles] entry uses a disk id that [SourceDisksNames] does not define',
  fix: 'Add the disk id to [SourceDisksNames] (or the same-architecture variant) or correct it',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const disks = ctx.model.sourceDisks;
    for (const list of ctx.model.sourceFiles.values()) {
      for (const { entry, arch } of list) {
        const id = (entry.fields[0] ?? '').trim();
        if (!/^\d+$/.test(id)) continue; // 1008
        // An undecorated file is looked up in [SourceDisksNames.<arch>] first, then [SourceDisksNames].
        const pools = arch === '' ? [...disks.values()] : [disks.get(arch), disks.get('')];
        const known = pools.some((set) => [...(set ?? [])].some((d) => Number(d) === Number(id)));
        if (!known)
          ctx.report({ ...atField(entry, 0), message: `Source file ${entry.key} uses disk ID ${id}, which is not listed in [SourceDisksNames${arch ? `.${arch}` : ''}]` });
      }
    }
  },
});
