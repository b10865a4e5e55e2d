// The simulated target machine: public API used by the target, deploy,
// devcon and pnputil commands (and library callers).
//
//   const target = await openTarget(ctx);              // --target, WDKSIM_TARGET, ./wdksim-target
//   const state = await target.read();                 // validated snapshot (MachineState)
//   await target.transaction('devcon install', async (tx) => {
//     const staged = await stageDriverPackage(tx, infPath);           // pnputil /add-driver, devcon dp_add
//     return installDriverOnDevices(tx, { publishedName: staged.publishedName, hardwareId, createRootDevice: true, force: true });
//   });
//
// Everything that changes the machine runs inside target.transaction(): it
// holds the target's lock (a second process waits, then fails with a
// TargetError), works on a draft of the state (tx.state, tx.registry), stages
// file writes (tx.writeFile) and commits all of it atomically, or nothing if
// fn throws. Engine failures are TargetError (exit 2) with a one-line message
// naming the file; InstallError carries a SetupAPI error code as well.
export { resolveTargetDir, openTarget, readState, sha256, Target, Transaction } from './target.js';
export type { MachineState, CertificateRecord, RegValue, OsState, BootState } from './schema.js';
export { STATE_FILE, STATE_VERSION, machineState } from './schema.js';
export { Registry, normalizeKeyPath } from './registry.js';
export { OS_RELEASES, DEFAULT_OS, findOs, type OsRelease, type TargetArch } from './os.js';
export { FAULT_STEPS, type FaultStep } from './fault.js';
export { LOG_PATH, LogSection } from './setupapi-log.js';
export * from './layout.js';
export * from './engine.js';
export * from './model.js';
export { InstallError, SetupError } from './install-error.js';
export { provisionTarget, type ProvisionOptions } from './provision.js';
export { certificateRecord, importCertificate } from './certs.js';
