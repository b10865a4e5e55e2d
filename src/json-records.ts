// The records each tool prints with --json (and infverif/doctor with --format json),
// as types for scripts that read them. Producers annotate their output with these, so
// a change to a record's shape is a type error here first. Part of the public API.
import type { StampChange } from './stamp/edits.js';

export type { InfJson } from './inf/json.js';
export type { BuildResult as BuildJson } from './build/index.js';

/** `infverif --format json`, `doctor --format json`: one per INF (ESLint's JSON shape). */
export interface LintJsonFile {
  filePath: string;
  messages: LintJsonMessage[];
  errorCount: number;
  warningCount: number;
}

export interface LintJsonMessage {
  /** The InfVerif code (1203) or wdksim's own (9100). */
  ruleId: string;
  ruleName?: string;
  severity: 'error' | 'warning' | 'note';
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The TargetOSVersion decoration the finding is about. */
  targetOs?: string;
  fix?: string;
  docsUrl?: string;
}

/** `stampinf --json`. */
export interface StampinfJson {
  file: string;
  section: string;
  driverVer: string;
  changes: StampChange[];
}

/** `inf2cat --json`. */
export interface Inf2CatJson {
  tool: 'inf2cat';
  exitCode: number;
  passed: boolean;
  driver?: string;
  os?: string[];
  useLocalTime?: boolean;
  diagnostics?: Array<{ code: string; severity: string; message: string; text: string; [more: string]: unknown }>;
  /** Each catalog written: `inf` the first INF naming it, `infs` all of them; `members` the File names, `files` each member's path in the package and why it is there. */
  catalogs?: Array<{
    path: string;
    name: string;
    inf: string;
    infs: string[];
    os: string[];
    version: number;
    osAttr: string;
    attributes: unknown[];
    members: string[];
    files: Array<{ path: string; file: string; reason: string }>;
  }>;
  error?: string;
}

/** `catalog dump --json`. */
export interface CatalogDumpJson {
  file: string;
  version: number;
  listIdentifier: string | undefined;
  effectiveDate: string | null;
  attributes: Array<{ name: string; value: string; flags: number }>;
  members: Array<Record<string, unknown>>;
  signed: boolean;
  signers: Array<{ digestAlgorithm: string | null; certificate: Record<string, unknown> | null }>;
}

/** `catalog verify --json`. */
export interface CatalogVerifyJson {
  catalog: string;
  package: string;
  ok: boolean;
  /** The signature checked for integrity (trust is signtool verify's question). */
  signature: { status: 'ok' | 'unsigned' | 'failed'; message: string; signer?: string };
  entries: Array<{
    status: 'match' | 'mismatch' | 'missing' | 'extra';
    name: string;
    file: string | null;
    hashAlgorithm: string | null;
    expected: string | null;
    actual: string | null;
    kind: 'pe' | 'flat' | null;
  }>;
}

/** `devcon ... --json`: the command's own fields follow these. */
export interface DevconJson {
  tool: 'devcon';
  command: string | null;
  exitCode: number;
  error?: string;
  [field: string]: unknown;
}

/** `pnputil ... --json`: `returnValue` is the full Windows value, `exitCode` its POSIX status. */
export interface PnputilJson {
  tool: 'pnputil';
  command: string | null;
  returnValue: number;
  exitCode: number;
  [field: string]: unknown;
}
