// Writes the demo's KmdfHelloWorld project into a folder, as Visual Studio's
// New Project wizard would, plus the one setting the tutorial tells you to
// change (Inf2Cat > General > Use Local Time).
import { join } from 'node:path';
import { OutputFolder } from '../fs/host-write.js';
import { DEMO_PROJECT_NAME, demoProjectFiles } from './demo-project.js';

/** The PropertyGroup the tutorial's tip adds: stampinf and inf2cat then both use the local date. */
export const USE_LOCAL_TIME_GROUP = '  <PropertyGroup>\r\n    <Inf2CatUseLocalTime>true</Inf2CatUseLocalTime>\r\n  </PropertyGroup>\r\n';

export async function writeDemoProject(dir: string, options: { useLocalTime: boolean }): Promise<string> {
  const projectDir = join(dir, DEMO_PROJECT_NAME);
  // The folder the user named; the project's files below it are wdksim's names (no planted link followed).
  const folder = new OutputFolder(dir, 'the demo folder');
  for (const file of demoProjectFiles) {
    let text = file.text;
    if (options.useLocalTime && file.name.endsWith('.vcxproj')) {
      const at = text.indexOf('  <Import Project="$(VCTargetsPath)\\Microsoft.Cpp.targets" />');
      text = text.slice(0, at) + USE_LOCAL_TIME_GROUP + text.slice(at);
    }
    await folder.write(join(projectDir, file.name), text, 'demo project');
  }
  return projectDir;
}
