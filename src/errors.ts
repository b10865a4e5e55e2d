// Typed errors: each carries the exit code the CLI maps it to, in one place
// (src/cli.ts). A message is one line a user can act on; no stack traces.
export class WdksimError extends Error {
  constructor(message: string, readonly exitCode: number) {
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
    case 'ENOENT': return `${path}: no such file or directory; check the path`;
    case 'EISDIR': return `${path}: is a directory, expected a file`;
    case 'EACCES':
    case 'EPERM': return `${path}: permission denied; check the file's permissions`;
    case 'EROFS': return `${path}: the file system is read-only`;
    case 'ENOTDIR': return `${path}: a part of the path is not a directory`;
    case 'ENOSPC': return `${path}: no space left on the device`;
    default: return `${path}: ${(error as Error)?.message ?? String(error)}`;
  }
}
