// The machine state: one versioned JSON document (wdksim-state.json at the
// target root), validated with zod every time it is read. The device, package
// and class records are the shared shapes of model.ts; the type assertions at
// the bottom keep this schema and those interfaces in step.
import * as z from 'zod';
import { componentProblem } from './paths.js';
import type { DeviceRecord, MutableDeviceRecord, DriverBinding, DriverPackageRecord, SetupClassRecord } from './model.js';

export const STATE_FORMAT = 'wdksim-target';
export const STATE_VERSION = 1;
export const STATE_FILE = 'wdksim-state.json';

const driverBinding = z
  .object({
    publishedName: z.string(),
    originalName: z.string(),
    section: z.string(),
    matchingId: z.string(),
    rank: z.string(),
    driverDate: z.string(),
    driverVersion: z.string(),
    provider: z.string(),
    description: z.string(),
    files: z.array(z.string()),
    signer: z.string().optional(),
  })
  .strict();

export const device = z
  .object({
    instanceId: z.string().min(1),
    hardwareIds: z.array(z.string()),
    compatibleIds: z.array(z.string()),
    classGuid: z.string(),
    className: z.string(),
    description: z.string(),
    friendlyName: z.string().optional(),
    manufacturer: z.string().optional(),
    parent: z.string().optional(),
    present: z.boolean(),
    rootEnumerated: z.boolean(),
    disabled: z.boolean(),
    problem: z.number().int().nonnegative(),
    service: z.string().optional(),
    upperFilters: z.array(z.string()).optional(),
    lowerFilters: z.array(z.string()).optional(),
    driver: driverBinding.optional(),
    resources: z.array(z.string()).optional(),
    rebootRequired: z.boolean().optional(),
  })
  .strict();

/** A path the state names is checked when the state is read, like an INF's: relative, no "..", no empty or reserved components. */
const relPath = z.string().superRefine((path, ctx) => {
  const parts = path.split('/');
  const problem =
    /^[a-z]:/i.test(path) || path.startsWith('/') || path.includes('\\') ? 'is absolute or uses backslashes' : parts.map(componentProblem).find((p) => p !== undefined);
  if (problem) ctx.addIssue({ code: 'custom', message: `path "${path}" ${problem}; a state path must stay inside the target` });
});
const component = z.string().superRefine((name, ctx) => {
  const problem = /[\\/]/.test(name) ? 'contains a path separator' : componentProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: `folder name "${name}" ${problem}; a state path must stay inside the target` });
});

export const fileHash = z.object({ path: relPath, sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

const primitiveInstall = z
  .object({
    section: z.string(),
    createdKeys: z.array(z.string()),
    values: z.array(z.object({ key: z.string(), name: z.string(), previous: z.lazy(() => regValue).optional() }).strict()),
    deletedKeys: z.array(
      z
        .object({
          key: z.string(),
          values: z.record(
            z.string(),
            z.lazy(() => regValue),
          ),
        })
        .strict(),
    ),
    files: z.array(z.string()),
    services: z.array(z.string()),
  })
  .strict();

export const driverPackage = z
  .object({
    publishedName: z.string(),
    originalName: z.string(),
    storeFolder: component,
    provider: z.string(),
    className: z.string(),
    classGuid: z.string(),
    driverDate: z.string(),
    driverVersion: z.string(),
    catalog: relPath.optional(),
    signer: z.string().optional(),
    testSigned: z.boolean().optional(),
    arch: z.string(),
    files: z.array(fileHash),
    inbox: z.boolean().optional(),
    primitive: primitiveInstall.optional(),
  })
  .strict();

export const setupClass = z
  .object({
    guid: z.string(),
    name: z.string(),
    description: z.string(),
    upperFilters: z.array(z.string()).optional(),
    lowerFilters: z.array(z.string()).optional(),
  })
  .strict();

/** A registry value: REG_DWORD data is a number, REG_MULTI_SZ a list, REG_QWORD a decimal string, binary types hex. */
export const regValue = z
  .object({
    type: z.string().regex(/^REG_(SZ|EXPAND_SZ|MULTI_SZ|DWORD|QWORD|BINARY|NONE|0x[0-9A-F]{1,8})$/),
    data: z.union([z.string(), z.number(), z.array(z.string())]),
  })
  .strict();
export type RegValue = z.infer<typeof regValue>;

export const regKey = z.object({ values: z.record(z.string(), regValue) }).strict();

const certificate = z
  .object({
    thumbprint: z.string().regex(/^[0-9A-F]{40}$/),
    subject: z.string(),
    issuer: z.string(),
    notBefore: z.string().optional(),
    notAfter: z.string().optional(),
    /** DER, base64. */
    der: z.string(),
    /** Where it came from (DriverTest\Drivers\x.cer). */
    source: z.string().optional(),
  })
  .strict();
export type CertificateRecord = z.infer<typeof certificate>;

const os = z
  .object({
    id: z.string(),
    name: z.string(),
    major: z.number().int(),
    minor: z.number().int(),
    build: z.number().int(),
    productType: z.union([z.literal(1), z.literal(3)]),
    suiteMask: z.number().int(),
    kmdf: z.string(),
    umdf: z.string(),
    arch: z.enum(['amd64', 'x86', 'arm64']),
  })
  .strict();

const dbgsettings = z
  .object({
    type: z.literal('NET'),
    hostip: z.string().optional(),
    port: z.number().int(),
    key: z.string(),
    dhcp: z.boolean(),
  })
  .strict();

const bootSettings = z
  .object({
    testsigning: z.boolean(),
    debug: z.boolean(),
    dbgsettings: dbgsettings.optional(),
  })
  .strict();

const boot = bootSettings
  .extend({
    /** Settings changed with bcdedit that take effect at the next reboot. */
    pending: bootSettings.partial().optional(),
    bootCount: z.number().int().nonnegative(),
  })
  .strict();

export const machineState = z
  .object({
    format: z.literal(STATE_FORMAT),
    version: z.literal(STATE_VERSION),
    createdAt: z.string(),
    os,
    boot,
    certificates: z.object({ Root: z.array(certificate), TrustedPublisher: z.array(certificate) }).strict(),
    classes: z.array(setupClass),
    devices: z.array(device),
    packages: z.array(driverPackage),
    /** Registry keys by full path (HKLM\SYSTEM\...), case preserved as created. */
    registry: z.record(z.string(), regKey),
    /** Files outside the driver store the state vouches for (target-relative, forward slashes). */
    files: z.array(fileHash),
  })
  .strict();

/**
 * The head of a target whose collections are per-record files (docs/target.md):
 * wdksim-state.json holds the small, fixed-size part of the state and the
 * counters that spare an install a scan; devices, packages, registry keys and
 * vouched files live under .wdksim/state/ (state-records.ts).
 */
export const STORE_VERSION = 2;
export const headState = z
  .object({
    format: z.literal(STATE_FORMAT),
    version: z.literal(STORE_VERSION),
    createdAt: z.string(),
    os,
    boot,
    certificates: z.object({ Root: z.array(certificate), TrustedPublisher: z.array(certificate) }).strict(),
    classes: z.array(setupClass),
    records: z
      .object({
        /** The next record sequence number (records load in this order: the order they were added). */
        seq: z.number().int().nonnegative(),
        /** No oemN.inf below this N is free. */
        oem: z.number().int().nonnegative(),
        /** Per ROOT\CLASS\ prefix: no instance number below this is free. */
        root: z.record(z.string(), z.number().int().nonnegative()),
      })
      .strict(),
  })
  .strict();
export type HeadState = z.infer<typeof headState>;

/** The machine state; its device records are read-only (change them through editDevice). */
export type MachineState = Omit<z.infer<typeof machineState>, 'devices'> & { devices: DeviceRecord[] };
export type OsState = z.infer<typeof os>;
export type BootState = z.infer<typeof boot>;

// Compile-time checks: the schema accepts exactly the shared model records.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameDevice: Same<z.infer<typeof device>, MutableDeviceRecord> = true;
const sameBinding: Same<z.infer<typeof driverBinding>, DriverBinding> = true;
const samePackage: Same<z.infer<typeof driverPackage>, DriverPackageRecord> = true;
const sameClass: Same<z.infer<typeof setupClass>, SetupClassRecord> = true;
void sameDevice;
void sameBinding;
void samePackage;
void sameClass;
