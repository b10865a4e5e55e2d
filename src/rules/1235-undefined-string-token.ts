import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext } from './context.js';
import type { RawToken } from '../inf/lexer.js';

/**
 * Calls back with each %name% token of raw text (name, offset), paired left to right as SetupAPI
 * does. A lone % left at the end opens a token with no name: InfVerif reports it as the token
 * '(null)' (`DisplayName = %UDEMbimClientSample%.DeviceDesc%` gives 1235 for
 * 'UDEMbimClientSample' and for '(null)' on the same line, microsoft/UDE#8).
 */
export const NULL_TOKEN = '(null)';
function eachToken(raw: string, fn: (name: string, index: number) => void): void {
  let i = raw.indexOf('%');
  while (i !== -1) {
    const close = raw.indexOf('%', i + 1);
    if (close === -1) {
      fn(NULL_TOKEN, i);
      break;
    }
    if (close > i + 1) fn(raw.slice(i + 1, close), i);
    i = raw.indexOf('%', close + 1);
  }
}

function endsInLonePercent(raw: string): boolean {
  let lone = false;
  eachToken(raw, (name) => {
    if (name === NULL_TOKEN) lone = true;
  });
  return lone;
}

export default defineRule<InfRuleContext>({
  id: '1235',
  name: 'undefined-string-token',
  levels: levels('E'),
  summary: 'A %token% is not defined in [Strings] (an environment variable must be written %%name%%)',
  fix: 'Define the token in [Strings], or write %% for a literal percent sign (%%SystemRoot%%)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const { doc } = ctx;
    // Substitution notes every unknown name: read every key and field (cached for the other rules),
    // and scan the raw tokens only when some name was unknown.
    if (!doc.unknownTokenSeen) {
      let lone = false;
      for (const section of doc.sections) {
        for (const entry of section.entries) {
          if (!entry.hasPercent) continue;
          void entry.key;
          void entry.fields;
          if (!lone) for (const tok of entry.fieldTokens) if (endsInLonePercent(tok.value)) lone = true;
        }
      }
      if (!doc.unknownTokenSeen && !lone) return;
    }
    const strings = doc.strings.values;
    // Names as written → defined (or a numeric DIRID): the same few names recur on many lines.
    const known = new Map<string, boolean>();
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
          eachToken(tok.value, (name, index) => {
            let defined = known.get(name);
            if (defined === undefined) {
              defined = name !== NULL_TOKEN && (strings.has(name.toLowerCase()) || /^-?\d+$/.test(name));
              known.set(name, defined);
            }
            if (defined) return;
            const lower = name.toLowerCase();
            seen ??= new Set<string>();
            if (seen.has(lower)) return;
            seen.add(lower);
            // Place the report on the token's text in the line when it can be found.
            const line = tok.span.start.line;
            const text = doc.lineText(line);
            // The lone % of '(null)' is placed on itself, so it follows the named tokens before it.
            const at = name === NULL_TOKEN ? tok.span.start.column - 1 + index : text.indexOf(`%${name}%`, tok.span.start.column - 1);
            const width = name === NULL_TOKEN ? 1 : name.length + 2;
            const pos =
              at >= 0 && line === entry.line && at + width <= text.length
                ? { line, column: at + 1, endColumn: at + 1 + width }
                : { line: entry.line, column: entry.span.start.column };
            // InfVerif's wording (microsoft/UDE#8).
            ctx.report({ ...pos, message: `String token '${name}' not defined in [Strings] section - if intending to use a literal '%' in a string, use '%%' instead.` });
          });
        }
      }
    }
  },
});
