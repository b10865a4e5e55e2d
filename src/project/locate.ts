// Files MSBuild finds around a project: the solution that lists it (for
// $(SolutionDir)) and the nearest Directory.Build.props / .targets.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { InputError } from '../errors.js';
import { parseXml, type XmlElement } from './xml.js';

/**
 * $(SolutionDir): Visual Studio builds through the solution, so the nearest .sln/.slnx at or above
 * the project's parent folder that lists the project puts $(OutDir) (and the package folder) beside
 * it, as in the tutorial's layout; otherwise the project folder, as `msbuild X.vcxproj` does.
 */
export function solutionDir(projectDir: string, projectFile: string): string {
  let dir = dirname(projectDir);
  for (let depth = 0; depth < 4; depth++, dir = dirname(dir)) {
    const rel = relative(dir, projectFile).split(/[\\/]/).join('\\').toLowerCase();
    try {
      for (const name of readdirSync(dir)) {
        if (!/\.slnx?$/i.test(name)) continue;
        const text = readFileSync(join(dir, name), 'utf8').toLowerCase().replace(/\//g, '\\');
        if (text.includes(`"${rel}"`)) return `${dir}/`;
      }
    } catch {
      // unreadable folder: keep looking above
    }
    if (dirname(dir) === dir) break;
  }
  return `${projectDir}/`;
}

/**
 * Directory.Build.props / Directory.Build.targets: MSBuild imports the first one found in the project's
 * folder or above (Microsoft.Common.props early in Microsoft.Cpp.Default.props; Microsoft.Common.targets
 * at the end); repositories keep shared driver settings there (Inf2Cat, signing, KMDF version).
 * learn.microsoft.com/visualstudio/msbuild/customize-by-directory
 */
export function directoryBuildFile(projectDir: string, name: string): { children: XmlElement[]; dir: string; file: string } | undefined {
  for (let dir = projectDir; ; dir = dirname(dir)) {
    const file = join(dir, name);
    try {
      const root = parseXml(readFileSync(file, 'utf8'), file);
      return root.name === 'Project' ? { children: root.children, dir, file } : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(`${file}: not a well-formed MSBuild file (${(error as Error).message.split('\n')[0]})`);
    }
    if (dirname(dir) === dir) return undefined;
  }
}
