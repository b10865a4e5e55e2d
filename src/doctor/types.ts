// Doctor's checks are rules of the infverif framework (src/rules/types.ts:
// id, name, levels, summary, fix, docsUrl, check). The framework's context is
// one INF; doctor's findings point into several files of a project (the
// .vcxproj, the INF, a file in the package folder), so doctor defines its own
// context here and reuses the rule metadata type and the reporters.
import type { Arch } from '../inf/arch.js';
import type { InfDocument } from '../inf/document.js';
import type { OsId } from '../package/os-ids.js';
import type { ProjectSettings, StampSettings } from '../project/settings.js';
import type { BaseRuleContext, Rule, RuleReport } from '../rules/types.js';
import type { Clock } from '../time/clock.js';
import type { TextFile } from './evidence.js';

/** One INF of one project for one platform (or a standalone INF for one architecture). */
export interface DoctorUnit {
  project?: ProjectSettings;
  /** The project file's text, for evidence lines. */
  projectFile?: TextFile;
  arch: Arch;
  /** The folder inf2cat /driver: gets (the project's PackageDir, or the standalone INF's folder). */
  packageDir: string;
  /** The project's intermediate folder. */
  intDir?: string;
  /** The /os list inf2cat runs with (empty for a standalone INF). */
  osList: OsId[];
  stamp?: StampSettings;
  /** Architectures the project builds (its declared platforms), or the INF's own. */
  targetedArches: Arch[];
  inf: {
    file: TextFile;
    /** Parsed with $ARCH$ replaced by the unit's architecture (INX). */
    doc: InfDocument;
    isInx: boolean;
  };
}

export interface DoctorReport extends RuleReport {
  /** Where the evidence is: the INF (default), the project file, or another file (absolute). */
  file?: 'inf' | 'project' | string;
}

export interface DoctorContext extends BaseRuleContext {
  unit: DoctorUnit;
  clock: Clock;
  /** The environment doctor runs in (STAMPINF_DATE changes what StampInf stamps). */
  env: Record<string, string | undefined>;
  /** A path as messages show it: relative to the working directory when under it. */
  show(path: string): string;
  /** Evidence for a project setting: the project file, a .props beside it, or Directory.Build.props above. */
  projectEvidence(...patterns: RegExp[]): { file?: string; line: number; column?: number; endColumn?: number };
  report(report: DoctorReport): void;
}

export type DoctorRule = Rule<DoctorContext>;

export const DOCTOR_DOCS = 'docs/doctor.md';
