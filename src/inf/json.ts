// The `inf parse --json` contract: sections once each in first-appearance
// order with merged entries; keys and fields as Windows' readers return them.
import type { InfDocument } from './document.js';

export interface InfJson {
  file: string;
  encoding: string;
  sections: { name: string; line: number; entries: { line: number; key: string | null; fields: string[] }[] }[];
  diagnostics: { code: string; severity: string; line: number; column: number; message: string }[];
}

export function documentToJson(doc: InfDocument): InfJson {
  return {
    file: doc.file,
    encoding: doc.encoding,
    sections: doc.sections.map((section) => ({
      name: section.name,
      line: section.line,
      entries: section.entries.map((entry) => ({ line: entry.line, key: entry.key ?? null, fields: entry.fields })),
    })),
    diagnostics: doc.diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.line, column: d.column, message: d.message })),
  };
}
