import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import { destination, normalizeDir } from './lib/dest.js';
import type { InfDocument } from '../inf/document.js';

/** The source directories of a disk id: the path field of each [SourceDisksNames(.arch)] entry for it. */
function diskPaths(doc: InfDocument, disk: string): string[] {
  const out: string[] = [];
  for (const section of doc.sections) {
    if (!section.lowerName.startsWith('sourcedisksnames')) continue;
    for (const e of section.entries) if (e.key?.trim() === disk) out.push(normalizeDir(e.fields[3] ?? ''));
  }
  return out.length > 0 ? out : [''];
}

function join(a: string, b: string): string {
  return a === '' ? b : b === '' ? a : `${a}\\${b}`;
}

export default defineRule<InfRuleContext>({
  id: '1100',
  name: 'dirid13-copy-mismatch',
  levels: levels('E'),
  summary: 'A copy to DIRID 13 renames the file or puts it in a different directory than the package holds it in',
  fix: "For DIRID 13 keep the destination name equal to the source name, and the DestinationDirs subdirectory equal to the file's directory in the package ([SourceDisksNames] path + [SourceDisksFiles] subdirectory)",
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const { model, doc } = ctx;
    for (const copy of model.copies) {
      const dest = destination(model.destinationOf(copy.list));
      if (!dest || dest.dirid !== 13 || copy.dest === '') continue;
      if (copy.dest.toLowerCase() !== copy.source.toLowerCase()) {
        ctx.report({ ...atEntry(copy.entry), message: `Source and destination name must match for file '${copy.source}' when using CopyFiles with DIRID 13.` });
        continue;
      }
      // The source directory is the disk's path joined with the file's subdirectory: a disk at
      // \amd64 with the file copied to the DIRID 13 root is a mismatch (toastpkg.inf line 78,
      // Windows-driver-samples#936).
      const sources = model.sourceFiles.get(copy.source.toLowerCase()) ?? [];
      for (const src of sources.slice(0, 1)) {
        const subdir = normalizeDir(src.entry.fields[1] ?? '');
        const disk = (src.entry.fields[0] ?? '').trim();
        if (diskPaths(doc, disk).some((path) => join(path, subdir) !== dest.subdir)) {
          ctx.report({ ...atEntry(copy.entry), message: `Source and destination directory must match for file '${copy.source}' when using CopyFiles with DIRID 13.` });
        }
      }
    }
  },
});
