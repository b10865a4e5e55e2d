// A driver package on disk and what Inf2Cat makes of it: its INFs, the files
// they name, /os identifiers, the signability checks and the catalog plans.
export { loadPackage, infRef, type DriverPackage, type PackageInf } from './load.js';
export { CaseInsensitiveFs } from './lookup.js';
export { referencedFiles, sectionAppliesToArch, type FileReference } from './files.js';
export { catalogFileFor, type CatalogFileChoice } from './catalog-file.js';
export { OS_IDS, findOsId, kitBuildOf, osIdForKit, parseOsList, resolveOsIds, osAttrFor, supportsSha256Catalogs, type OsId, type OsListResult } from './os-ids.js';
export { checkPackage, formatInf2CatLine, MODELS_CODE, type CheckOptions, type PackageDiagnostic } from './checks.js';
export { catalogPlans, catalogVersionFor, hardwareIds, type CatalogPlan, type CatalogPlanMember, type PlanOptions } from './plans.js';
export { runInf2Cat, writeCatalogs, Inf2CatFailure, type Inf2CatRequest, type Inf2CatHooks, type Inf2CatResult } from './inf2cat.js';
export { inf2catText, signabilityReport, catalogsWrittenText, failureText, type Inf2CatText } from './inf2cat-text.js';
