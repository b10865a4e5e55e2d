// What an infverif rule sees: the document, the shared model, the mode and
// position helpers that turn entries, tokens and headers into reports.
import type { InfDocument, InfEntry, InfSection } from '../inf/document.js';
import type { RawToken } from '../inf/lexer.js';
import type { Span } from '../diagnostic.js';
import type { InfModel } from './model.js';
import type { BaseRuleContext, Mode, Rule, RuleReport } from './types.js';
import type { Kit } from './kits.js';

export interface InfRuleOptions {
  /** /stampinf: unstamped INX tokens ($ARCH$, empty DriverVer...) are expected. */
  stampinf: boolean;
  /**
   * The INF is a build input the build stamps before InfVerif sees it (validate's 'auto'):
   * MSBuild's stampinf writes a new DriverVer (-d * -v *), so the one in the file is not checked.
   */
  restamped?: boolean;
}

export interface InfRuleContext extends BaseRuleContext {
  doc: InfDocument;
  model: InfModel;
  mode: Mode;
  options: InfRuleOptions;
  /** The WDK whose InfVerif is being modelled (placement differs between kits). */
  kit: Kit;
}

export type InfRule = Rule<InfRuleContext>;

/** The report fields that place a finding on a span (single line). */
export function spanAt(span: Span | undefined): Pick<RuleReport, 'line' | 'column' | 'endColumn'> {
  if (!span || span.start.line < 1) return { line: span?.start.line ?? 0 };
  const sameLine = span.end.line === span.start.line && span.end.column > span.start.column;
  return { line: span.start.line, column: span.start.column, ...(sameLine ? { endColumn: span.end.column } : {}) };
}

/** An entry: its line, from its first to its last character on that line. */
export function atEntry(entry: InfEntry): Pick<RuleReport, 'line' | 'column' | 'endColumn'> {
  return spanAt(entry.span);
}

/** A token of an entry, falling back to the entry when the token is empty. */
export function atToken(entry: InfEntry, token: RawToken | undefined): Pick<RuleReport, 'line' | 'column' | 'endColumn'> {
  if (token) {
    const span = token.span; // worked out once (a line-table search per end)
    if (span.start.line === entry.line) return spanAt(span);
  }
  return atEntry(entry);
}

/** A section header (the first one when the section is written several times). */
export function atSection(section: InfSection): Pick<RuleReport, 'line' | 'column' | 'endColumn'> {
  return spanAt(section.headers[0]?.span);
}

/** The value field n (0-based) of an entry. */
export function atField(entry: InfEntry, n: number): Pick<RuleReport, 'line' | 'column' | 'endColumn'> {
  return atToken(entry, entry.fieldTokens[n]);
}

/**
 * An entry as the kit places findings of its legacy-operation and isolation checks (1303, 1322):
 * 22621 and later kits print the header of the section that holds the entry. toastpkg.inf's
 * co-installer AddReg on line 108 is reported at 107 ([CoInstaller_AddReg]) and its copy of
 * tostrco2.dll on line 105 at 104 ([CoInstaller_CopyFiles]) (Windows-driver-samples#936);
 * netlwf.inf's copy of ndislwf.sys on line 72, after a comment line, at 70, the header of
 * [ndislwf.copyfiles.sys] (the pull request's head, #804). A 1809 kit still printed the entry's
 * own line (virtio-win/kvm-guest-drivers-windows#541).
 */
export function atEntryAsKit(ctx: InfRuleContext, entry: InfEntry): Pick<RuleReport, 'line' | 'column' | 'endColumn'> {
  const at = atEntry(entry);
  if (ctx.kit.build < 22621) return at;
  const headers = ctx.doc.section(entry.section)?.headers ?? [];
  let header: (typeof headers)[number] | undefined;
  for (const h of headers) if (h.line <= at.line) header = h; // the part of the section the entry is in
  return header ? spanAt(header.span) : at;
}
