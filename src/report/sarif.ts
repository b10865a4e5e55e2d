// SARIF 2.1.0 (OASIS). Regions are 1-based with an exclusive endColumn in
// UTF-16 code units, stated by run.columnKind; a whole-file finding (line 0)
// is placed on line 1, since SARIF lines start at 1. Artifact URIs are
// relative to %SRCROOT% (the working directory) when the file lies under it.
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toolLabel, type Formatter } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', note: 'note' } as const;

export const sarif: Formatter = (input) => {
  const ruleIds: string[] = [];
  const index = new Map<string, number>();
  const results: unknown[] = [];
  const artifacts: { location: { uri: string; uriBaseId?: string } }[] = [];
  const artifactIndex = new Map<string, number>();
  for (const f of input.files) {
    let uri: string;
    let base: string | undefined;
    if (f.absolute) {
      const rel = relative(input.cwd, f.absolute);
      if (rel && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-z]:/i.test(rel)) {
        uri = rel.split(sep).map(encodeURIComponent).join('/');
        base = '%SRCROOT%';
      } else {
        uri = pathToFileURL(f.absolute).href;
      }
    } else {
      uri = encodeURIComponent(f.file); // standard input: "<stdin>" is not a valid URI reference
    }
    if (!artifactIndex.has(uri)) {
      artifactIndex.set(uri, artifacts.length);
      artifacts.push({ location: { uri, ...(base ? { uriBaseId: base } : {}) } });
    }
    for (const d of f.diagnostics) {
      if (!index.has(d.code)) {
        index.set(d.code, ruleIds.length);
        ruleIds.push(d.code);
      }
      const startLine = Math.max(1, d.line);
      const startColumn = d.line >= 1 ? Math.max(1, d.column) : 1;
      const region: Record<string, number> = { startLine, startColumn };
      if (d.line >= 1 && d.endColumn !== undefined) {
        const endLine = d.endLine ?? d.line;
        if (endLine !== d.line) region.endLine = endLine;
        if (endLine !== d.line || d.endColumn > startColumn) region.endColumn = d.endColumn;
      }
      results.push({
        ruleId: d.code,
        ruleIndex: index.get(d.code),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, ...(base ? { uriBaseId: base } : {}), index: artifactIndex.get(uri) },
              region,
            },
          },
        ],
        ...(d.targetOs ? { properties: { targetOs: d.targetOs } } : {}),
      });
    }
  }
  const rules = ruleIds.map((id) => {
    const meta = input.rules.get(id);
    return {
      id,
      ...(meta
        ? {
            name: meta.name,
            shortDescription: { text: meta.summary },
            helpUri: meta.docsUrl,
            help: { text: meta.fix },
          }
        : { shortDescription: { text: `${toolLabel(input.tool)} ${id}` } }),
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            ...(toolLabel(input.tool) === 'InfVerif' ? { informationUri: 'https://learn.microsoft.com/en-us/windows-hardware/drivers/devtest/infverif' } : {}),
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(input.cwd.endsWith(sep) ? input.cwd : input.cwd + sep).href } },
        artifacts,
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
