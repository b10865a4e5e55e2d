// The library API of wdksim, by name: what a script or another tool is meant to use.
// Everything else under src/ is internal and may change without notice. The commands
// are a thin layer over these (see docs/architecture.md); the README shows an example
// that test/architecture/public-api.test.ts compiles and runs.

// Parse an INF (any encoding Windows reads) and inspect it.
export { parseInf, readInfFile, type ParseOptions } from './inf/parse.js';
export { InfDocument, InfSection, InfEntry } from './inf/document.js';
export { documentToJson } from './inf/json.js';
export { parseArch, type Arch } from './inf/arch.js';
export { parseDriverVer, formatDriverVer, compareDriverVer, type DriverVer, type DriverVerResult } from './inf/driverver.js';
export { parseDecoration, selectModelsSections, type TargetOs, type TargetOsDecoration, type DecorationResult, type ModelsChoice } from './inf/decorations.js';
export { resolveInstallSection, platformSectionNames, type InstallSectionChoice } from './inf/ddinstall.js';
export { SETUP_CLASSES, type SetupClassInfo } from './inf/classes.js';
export type { Diagnostic, Severity, Position, Span } from './diagnostic.js';

// Validate it as InfVerif does, and report in any format (stylish, text, json, sarif, github).
export { validate, validateDocument, sortDiagnostics, type ValidateOptions, type ValidationResult } from './rules/validate.js';
export { infRules, ruleById } from './rules/index.js';
export { KITS, NEWEST_KIT, resolveKit, CODE_HISTORY, type Kit, type CodeHistory } from './rules/kits.js';
export { listRules } from './rules/listing.js';
export { defineRule, MODES, type Rule, type RuleMeta, type Mode, type Level } from './rules/types.js';
export type { InfRule, InfRuleContext } from './rules/context.js';
export { formatters, type Formatter, type ReportInput, type FileReport } from './report/index.js';

// Stamp DriverVer and the $ARCH$/KMDF/UMDF tokens (stampinf).
export { stampInf, type StampOptions, type StampResult, type StampChange } from './stamp/index.js';

// Check a driver package and plan, write and read its catalogs (Inf2Cat, certutil -dump).
export {
  loadPackage,
  checkPackage,
  catalogPlans,
  parseOsList,
  resolveOsIds,
  OS_IDS,
  type DriverPackage,
  type PackageDiagnostic,
  type CatalogPlan,
  type OsId,
} from './package/index.js';
export { createCatalog, readCatalog, CatalogFormatError, type CreateCatalogOptions, type CatalogInfo, type CatalogMember } from './catalog/index.js';

// Sign and verify (signtool), with test certificates (makecert).
export {
  createTestCertificate,
  makePfx,
  loadSigningIdentity,
  signCatalog,
  signPe,
  readPeSignature,
  hashFile,
  type TestCertificate,
  type SigningIdentity,
  type SignOptions,
} from './catalog/index.js';
export {
  verifyCatalogSignature,
  verifyFileAgainstCatalog,
  verifyPackageAgainstCatalog,
  verifyEmbedded,
  type SignatureVerification,
  type TrustOptions,
  type PackageEntry,
} from './catalog/index.js';

// The simulated target machine: open (or provision) it, stage and install packages.
export { openTarget, resolveTargetDir, provisionTarget, Target, Transaction, type ProvisionOptions } from './machine/index.js';
export { stageDriverPackage, installDriverOnDevices, deployPackage, type StageResult, type InstallOptions, type InstallResult, type DeployResult } from './machine/index.js';
export { InstallError, SetupError, type MachineState, type DeviceRecord, type DriverPackageRecord } from './machine/index.js';

// Build a driver project's package (MSBuild's WDK targets).
export { readProject, findProjectFile, type ProjectSettings } from './project/index.js';
export { runBuild, makePlaceholderBinary, type BuildOptions, type BuildResult } from './build/index.js';

// Errors (each carries its exit code), the clock every date decision reads, and the io boundary.
export { WdksimError, UsageError, InputError, TargetError } from './errors.js';
export { createClock, fixedClock, type Clock } from './time/clock.js';
export { memoryContext, nodeIo, type Context, type Io } from './io.js';
export { EXIT_CODES, type ExitCode } from './exit-codes.js';
export { VERSION } from './version.js';

// The records the tools print with --json.
export type * from './json-records.js';
