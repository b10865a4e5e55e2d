// A file name that still holds a %token% with no [Strings] entry: setup and
// Inf2Cat look for a file literally named "%token%.sys" and fail with 22.9.1.
import type { InfEntry } from '../../inf/document.js';
import type { RawToken } from '../../inf/lexer.js';
import { levels, defineRule } from '../../rules/types.js';
import type { DoctorContext } from '../types.js';

const TOKEN = /%([^%\s]+)%/g;

export default defineRule<DoctorContext>({
  id: '9102',
  name: 'undefined-token-in-filename',
  levels: levels('E'),
  summary: 'A file name holds a %token% that [Strings] does not define',
  fix: 'define the token in [Strings] or write the file name literally',
  docsUrl: 'https://learn.microsoft.com/en-us/windows-hardware/drivers/install/inf-strings-section',
  check(ctx) {
    const { doc } = ctx.unit.inf;
    const defined = doc.strings.values;
    const seen = new Set<string>();
    const check = (entry: InfEntry, token: RawToken | undefined, where: string): void => {
      if (!token) return;
      for (const m of token.value.matchAll(TOKEN)) {
        const name = m[1]!;
        if (/^\d+$/.test(name) || defined.has(name.toLowerCase())) continue;
        const key = `${entry.line}:${name.toLowerCase()}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const text = doc.lineText(entry.line);
        const at = text.indexOf(m[0]);
        ctx.report({
          line: entry.line,
          ...(at >= 0 ? { column: at + 1, endColumn: at + 1 + m[0].length } : {}),
          message: `file name "${token.value}" in ${where} uses %${name}%, which [Strings] does not define: setup and Inf2Cat look for a file literally named "${token.value}" and fail with 22.9.1 (missing or cannot be decompressed).`,
          fix: `add ${name} = "..." to [Strings] or write the file name without the token`,
        });
      }
    };
    for (const s of doc.sections) {
      if (/^SourceDisksFiles(\..+)?$/i.test(s.name)) for (const e of s.entries) check(e, e.keyToken, `[${s.name}]`);
    }
    // File-list sections named by CopyFiles= (and @file names in the directive itself).
    for (const s of doc.sections) {
      for (const e of s.entries) {
        if (e.key?.toLowerCase() !== 'copyfiles') continue;
        e.fieldTokens.forEach((t, i) => {
          const value = e.fields[i]?.trim() ?? '';
          if (value.startsWith('@')) check(e, t, `CopyFiles in [${s.name}]`);
          else if (value)
            for (const fe of doc.section(value)?.entries ?? []) {
              check(fe, fe.hasEquals ? fe.keyToken : fe.fieldTokens[0], `[${value}]`);
              if (fe.fieldTokens[1]) check(fe, fe.fieldTokens[1], `[${value}]`);
            }
        });
      }
    }
  },
});
