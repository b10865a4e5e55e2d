// The WDK a project builds with, for the InfVerif the build runs: the
// .vcxproj's WindowsTargetPlatformVersion (10.0.22621.0) or wdksim.json's
// "wdk". undefined when the project names none (or "10.0", VS's "latest
// installed"): the newest kit wdksim models is used then.
import { resolveKit } from '../rules/kits.js';
import type { ProjectSettings } from './settings.js';

export function projectWdkVersion(settings: ProjectSettings): string | undefined {
  const value = (settings.properties.WindowsTargetPlatformVersion ?? '').trim();
  return resolveKit(value)?.version;
}

/** The InfVerif mode VS runs for a DriverTargetPlatform (wdk-tools.md; /h replaced /k for Desktop in 10.0.26100). */
export function projectInfVerifMode(settings: ProjectSettings, wdk: string | undefined): 'u' | 'k' | 'w' | 'h' | 'default' {
  const platform = (settings.properties.DriverTargetPlatform ?? '').trim().toLowerCase();
  if (platform === 'universal') return 'u';
  if (platform === 'windows driver') return 'w';
  if (platform === 'desktop') return (resolveKit(wdk ?? '')?.build ?? 26100) >= 26100 ? 'h' : 'k';
  return 'default';
}
