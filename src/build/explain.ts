// `wdksim build --explain`: the evaluated properties and items that decided
// each build step, and the file and line that set each one (or the default it
// took), so a user can see why a package differs from what Visual Studio made.
import type { ProjectSettings, ProvenanceEntry } from '../project/settings.js';

/** Which step each property or item type decides. */
const STEPS: Array<{ step: string; properties: string[]; items: string[] }> = [
  { step: 'Configuration', properties: ['Configuration', 'Platform', 'ConfigurationType', 'DriverType', 'TargetVersion', 'SolutionDir'], items: ['ProjectReference'] },
  { step: 'StampInf', properties: ['IntDir', 'InfArch', 'KMDF_VERSION_MAJOR', 'KMDF_VERSION_MINOR', 'UMDF_VERSION_MAJOR', 'UMDF_VERSION_MINOR'], items: ['Inf', 'BuildMacro'] },
  { step: 'Link/TestSign', properties: ['OutDir', 'TargetName', 'TargetExt', 'TargetPath', 'SignMode', 'TestCertificate'], items: ['FilesToPackage'] },
  { step: 'PackageFiles', properties: ['PackageDir'], items: [] },
  { step: 'Inf2Cat', properties: ['EnableInf2cat', 'Inf2CatWindowsVersionList', 'Inf2CatUseLocalTime'], items: [] },
];

export function formatExplain(settings: ProjectSettings, show: (path: string) => string): string {
  const p = settings.provenance;
  if (!p) return 'Explain: this project kind (wdksim.json) has no MSBuild evaluation to explain; its settings are the file itself.\n';
  const where = (e: ProvenanceEntry) => (e.file ? `${show(e.file)}(${e.line})` : (e.source ?? ''));
  const lines = ['Explain: the evaluated properties and items that decide each step (value <- where it was set)'];
  for (const { step, properties, items } of STEPS) {
    lines.push(`  ${step}:`);
    for (const name of properties) {
      const e = p.properties.find((x) => x.name.toLowerCase() === name.toLowerCase());
      lines.push(e ? `    ${name} = ${e.value}   <- ${where(e)}` : `    ${name} (not set)`);
    }
    for (const type of items) {
      for (const e of p.items.filter((x) => x.name.toLowerCase() === type.toLowerCase())) lines.push(`    @(${type}) ${e.value}   <- ${where(e)}`);
    }
  }
  lines.push('  Stamping arguments per INF (as the StampInf task passes them):');
  for (const inf of settings.infs) {
    const s = inf.stamp;
    const args = [
      s.date !== undefined ? `-d ${s.date}` : '',
      s.architecture !== undefined ? `-a ${s.architecture}` : '',
      s.version !== undefined ? `-v ${s.version}` : '',
      s.kmdfVersion ? `-k ${s.kmdfVersion}` : '',
      s.umdfVersion ? `-u ${s.umdfVersion}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    lines.push(`    ${show(inf.source)} -> ${show(inf.output)}: ${args || '(no switches)'}${s.enabled ? '' : ' (stamping off: copied only)'}`);
  }
  if (p.imports.length > 0) lines.push('  Imported files:', ...p.imports.map((f) => `    ${show(f)}`));
  if (settings.warnings.length > 0) lines.push('  Not evaluated (warnings):', ...settings.warnings.map((w) => `    ${w}`));
  return `${lines.join('\n')}\n`;
}
