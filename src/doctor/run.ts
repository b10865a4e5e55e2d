// Runs doctor's rules over the loaded units and groups the findings by the
// file that holds the evidence, in the reporters' FileReport shape. Findings
// repeated across a project's platforms are reported once.
import type { Diagnostic } from '../diagnostic.js';
import type { FileReport } from '../report/types.js';
import { RULE_CRASHED } from '../rules/engine.js';
import { defineRule, levels, severityOf, type RuleMeta } from '../rules/types.js';
import type { Clock } from '../time/clock.js';
import { displayPath, findInProject, readText, type TextFile } from './evidence.js';
import { loadUnits } from './load.js';
import { DOCTOR_RULES } from './rules/index.js';
import type { DoctorContext, DoctorReport, DoctorRule, DoctorUnit } from './types.js';

/** A project or INF doctor could not read (reported, so a tree scan goes on). */
export const inputSkipped = defineRule<DoctorContext>({
  id: '9199',
  name: 'input-skipped',
  levels: levels('W'),
  summary: 'A project or INF could not be read, so doctor did not check it',
  fix: 'fix the file (the message says what is wrong) or leave it out of the paths',
  docsUrl: 'docs/doctor.md',
  check() {},
});

export interface DoctorResult {
  files: FileReport[];
  rules: ReadonlyMap<string, RuleMeta>;
  /** Projects and INFs looked at. */
  inputs: string[];
}

export function allDoctorRules(): DoctorRule[] {
  return [...DOCTOR_RULES, inputSkipped];
}

export function runDoctor(paths: string[], options: { cwd: string; clock: Clock; env?: Record<string, string | undefined>; rules?: readonly DoctorRule[] }): DoctorResult {
  const rules = options.rules ?? DOCTOR_RULES;
  const loaded = loadUnits(paths, options.cwd);
  const byFile = new Map<string, { file: TextFile | { path: string; display: string }; diags: Diagnostic[]; keys: Set<string> }>();
  const add = (file: TextFile | { path: string; display: string }, d: Diagnostic): void => {
    let slot = byFile.get(file.path);
    if (!slot) byFile.set(file.path, (slot = { file, diags: [], keys: new Set() }));
    const key = `${d.code}|${d.line}|${d.column}|${d.message}`;
    if (slot.keys.has(key)) return;
    slot.keys.add(key);
    slot.diags.push({ ...d, file: file.display });
  };
  for (const unit of loaded.units) {
    for (const rule of rules) {
      const severity = severityOf(rule.levels.default);
      if (!severity) continue;
      const ctx: DoctorContext = {
        unit,
        clock: options.clock,
        env: options.env ?? {},
        show: (path) => displayPath(path, options.cwd),
        projectEvidence: (...patterns) => findInProject(unit.projectFile, options.cwd, ...patterns),
        report: (r: DoctorReport) => {
          const target = where(unit, r.file, options.cwd);
          const fix = r.fix ?? rule.fix;
          add(target, {
            code: rule.id,
            severity,
            message: r.message,
            line: clampLine(target, r.line),
            column: r.line > 0 ? (r.column ?? 1) : 0,
            ...(r.endColumn !== undefined && r.line > 0 ? { endLine: r.line, endColumn: r.endColumn } : {}),
            fix,
          });
        },
      };
      try {
        rule.check(ctx);
      } catch (error) {
        add(unit.inf.file, {
          code: RULE_CRASHED,
          severity: 'error',
          line: 1,
          column: 1,
          message: `Rule ${rule.id} (${rule.name}) threw an exception: ${error instanceof Error ? error.message : String(error)}; this is a bug in wdksim, please report it with the project`,
        });
      }
    }
  }
  for (const p of loaded.problems) {
    add(
      { path: p.file, display: p.file },
      { code: inputSkipped.id, severity: 'warning', line: 0, column: 0, message: `${p.message}.`.replace(/\.\.$/, '.'), fix: inputSkipped.fix },
    );
  }
  const files: FileReport[] = [...byFile.values()]
    .sort((a, b) => (a.file.display < b.file.display ? -1 : a.file.display > b.file.display ? 1 : 0))
    .map(({ file, diags }) => ({
      file: file.display,
      absolute: file.path,
      diagnostics: diags.sort((x, y) => x.line - y.line || x.column - y.column || x.code.localeCompare(y.code) || x.message.localeCompare(y.message)),
      ...('lines' in file ? { lineText: (n: number) => file.lines[n - 1] ?? '' } : {}),
    }));
  const meta = new Map<string, RuleMeta>([...allDoctorRules()].map((r) => [r.id, r]));
  meta.set(RULE_CRASHED, { id: RULE_CRASHED, name: 'rule-crashed', levels: levels('E'), summary: 'A doctor rule threw an exception', fix: 'report it', docsUrl: 'docs/doctor.md' });
  return { files, rules: meta, inputs: loaded.inputs };
}

function where(unit: DoctorUnit, file: DoctorReport['file'], cwd: string): TextFile {
  if (file === undefined || file === 'inf') return unit.inf.file;
  if (file === 'project') return unit.projectFile ?? unit.inf.file;
  return readText(file, cwd);
}

function clampLine(file: TextFile, line: number): number {
  return line >= 0 && line <= file.lines.length ? line : 0;
}

/**
 * For formats that print only the message (text, sarif): the message with its
 * one-line fix appended. stylish and github print the fix themselves, json
 * keeps it as its own field.
 */
export function withFixInMessage(files: FileReport[]): FileReport[] {
  return files.map((f) => ({ ...f, diagnostics: f.diagnostics.map((d) => (d.fix ? { ...d, message: `${d.message} Fix: ${d.fix.replace(/\.$/, '')}.` } : d)) }));
}
