// Typed errors: each carries the exit code the CLI maps it to, in one place
// (src/cli.ts). A message is one line a user can act on; no stack traces.
export class WdksimError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Wrong command line: unknown option, missing argument, bad value. */
export class UsageError extends WdksimError {
  constructor(message: string, exitCode = 2) {
    super(message, exitCode);
  }
}

/** Input that cannot be read or decoded: missing file, a directory, binary data. */
export class InputError extends WdksimError {
  constructor(message: string, exitCode = 2) {
    super(message, exitCode);
  }
}

/** A problem with the simulated target machine (missing, locked, inconsistent). */
export class TargetError extends WdksimError {
  constructor(message: string, exitCode = 2) {
    super(message, exitCode);
  }
}

/** A bug in wdksim itself. */
export class InternalError extends WdksimError {
  constructor(message: string) {
    super(`${message} (this is a bug in wdksim; please report it with the command line you ran)`, 2);
  }
}

/** Describes a Node file-system error in one line naming the path and the fix. */
export function describeFsError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return `${path}: no such file or directory; check the path`;
    case 'EISDIR':
      return `${path}: is a directory, expected a file`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied; check the file's and its folder's permissions`;
    case 'EROFS':
      return `${path}: the file system is read-only; write somewhere writable or remount it read-write`;
    case 'ENOTDIR':
      return `${path}: a part of the path is not a directory`;
    case 'ENOSPC':
      return `${path}: no space left on the device (the disk is full or out of inodes); free some space and run again`;
    case 'EDQUOT':
      return `${path}: disk quota exceeded; free some space or raise the quota and run again`;
    case 'EMFILE':
    case 'ENFILE':
      return `${path}: too many open files; raise the limit (ulimit -n) and run again`;
    case 'EIO':
      return `${path}: input/output error from the device; check the disk`;
    default:
      return `${path}: ${(error as Error)?.message ?? String(error)}`;
  }
}

/**
 * Exit codes for faults of the machine wdksim runs on, the same for every tool
 * (sysexits.h): they are not bugs and not the input's fault.
 */
export const EnvironmentExit = { cannotCreate: 73, ioError: 74, permission: 77 } as const;

const ENVIRONMENT_CODES: Record<string, number> = {
  ENOSPC: EnvironmentExit.ioError,
  EDQUOT: EnvironmentExit.ioError,
  EIO: EnvironmentExit.ioError,
  EMFILE: EnvironmentExit.ioError,
  ENFILE: EnvironmentExit.ioError,
  EACCES: EnvironmentExit.permission,
  EPERM: EnvironmentExit.permission,
  EROFS: EnvironmentExit.cannotCreate,
};

/** The disk, permissions or file system said no: a clear message and its own exit code, not "internal error". */
export class EnvironmentError extends WdksimError {}

/** The EnvironmentError for a Node system error of the environment (disk full, no permission...), or undefined. */
export function environmentError(error: unknown): EnvironmentError | undefined {
  const e = error as NodeJS.ErrnoException | undefined;
  const exit = typeof e?.code === 'string' ? ENVIRONMENT_CODES[e.code] : undefined;
  if (exit === undefined) return undefined;
  const path = e?.path ?? (e as { dest?: string })?.dest;
  // Some failed writes (through an open file) carry no path: the message then names none.
  return new EnvironmentError(path === undefined ? describeFsError(e, '').slice(2) : describeFsError(e, path), exit);
}

/**
 * A file-system failure at `path` as the error a user should see: the environment's own
 * (disk full, no permission, read-only) keeps its exit code; anything else is `fallback`'s kind.
 */
export function fsFailure(error: unknown, path: string, fallback: new (message: string) => WdksimError = InputError): WdksimError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const exit = typeof code === 'string' ? ENVIRONMENT_CODES[code] : undefined;
  return exit === undefined ? new fallback(describeFsError(error, path)) : new EnvironmentError(describeFsError(error, path), exit);
}
