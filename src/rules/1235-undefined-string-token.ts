import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext } from './context.js';
import type { RawToken } from '../inf/lexer.js';

/** The %name% tokens of raw text, paired left to right as SetupAPI does. */
function tokens(raw: string): { name: string; index: number }[] {
  const out: { name: string; index: number }[] = [];
  let i = raw.indexOf('%');
  while (i !== -1) {
    const close = raw.indexOf('%', i + 1);
    if (close === -1) break;
    out.push({ name: raw.slice(i + 1, close), index: i });
    i = raw.indexOf('%', close + 1);
  }
  return out;
}

export default defineRule<InfRuleContext>({
  id: '1235', name: 'undefined-string-token', levels: levels('E'),
  summary: 'A %token% is not defined in [Strings] (an environment variable must be written %%name%%)',
  fix: 'Define the token in [Strings], or write %% for a literal percent sign (%%SystemRoot%%)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const { doc } = ctx;
    const strings = doc.strings.values;
    for (const section of doc.sections) {
      const lowerName = section.lowerName;
      if (lowerName.startsWith('strings') && (lowerName.length === 7 || lowerName.charCodeAt(7) === 46)) continue;
      for (const entry of section.entries) {
        if (!entry.hasPercent) continue; // no '%' between the entry's start and end
        let seen: Set<string> | undefined;
        const key = entry.hasEquals ? entry.keyToken : undefined;
        for (let n = key ? -1 : 0; n < entry.fieldTokens.length; n++) {
          const tok: RawToken = n < 0 ? key! : entry.fieldTokens[n]!;
          if (tok.value.indexOf('%') === -1) continue;
          seen ??= new Set<string>();
          for (const t of tokens(tok.value)) {
            if (t.name === '') continue;
            const lower = t.name.toLowerCase();
            if (strings.has(lower) || /^-?\d+$/.test(t.name) || seen.has(lower)) continue;
            seen.add(lower);
            // Place the report on the token's text in the line when it can be found.
            const line = tok.span.start.line;
            const text = doc.lineText(line);
            const at = text.indexOf(`%${t.name}%`, tok.span.start.column - 1);
            const pos = at >= 0 && line === entry.line ? { line, column: at + 1, endColumn: at + t.name.length + 3 } : { line: entry.line, column: entry.span.start.column };
            ctx.report({ ...pos, message: `String token %${t.name}% is not defined in [Strings]${/^(systemroot|windir|programfiles|systemdrive)$/i.test(t.name) ? `; write %%${t.name}%% for the environment variable` : ''}` });
          }
        }
      }
    }
  },
});
