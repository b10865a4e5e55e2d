// How the build shows paths and command lines: relative to where the user
// stands, `/`-separated on POSIX, and quoted so a line can be pasted into a
// shell (POSIX or cmd) and run as is.
import { isAbsolute, relative, sep } from 'node:path';

export function showPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  return isAbsolute(rel) ? path : rel;
}

/** Quotes an argument for display the way MSBuild logs tool switches: "*" and values with spaces in double quotes. */
export function quoteArg(arg: string): string {
  // A backslash stays as is: inside double quotes it is literal for bash and cmd alike.
  if (arg === '' || /[\s"*?$&|;<>()'`\\]/.test(arg)) return `"${arg.replace(/(["$`])/g, '\\$1')}"`;
  return arg;
}

export function commandLine(tool: string, argv: string[]): string {
  return ['wdksim', tool, ...argv.map(quoteArg)].join(' ');
}

export const pathSep = sep;
