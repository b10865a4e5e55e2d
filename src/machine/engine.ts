// The install engine's entry points (pnputil, devcon and deploy call these
// inside target.transaction()). Each plans from the INF and the draft state,
// then changes tx.state / tx.registry and stages files.
export { stageDriverPackage, nextPublishedName, type StageOptions, type StageResult } from './stage.js';
export { installDriverOnDevices, loadStoredInf, findPackage, problemName, type InstallOptions, type InstallResult } from './install.js';
export { removeDevice, setDeviceEnabled, restartDevice, rescan, rebootTarget, deleteDriverPackage, findDevice } from './devices.js';
export { evaluateProblem, imagePathToWindows } from './device-status.js';
export { findCandidates, bestCandidate, formatRank, type Candidate } from './match.js';
export { checkPackageSignature } from './signature.js';
export { deployPackage, type DeployResult } from './deploy.js';
export { importCertificate, certificateRecord, certificateDer, type StoreName } from './certs.js';
export {
  defaultInstallKind,
  installHinfSection,
  installIfPrimitive,
  installPrimitiveDriver,
  uninstallPrimitiveDriver,
  runInfScript,
  type DefaultInstallKind,
  type ScriptResult,
  type HinfResult,
} from './default-install.js';
