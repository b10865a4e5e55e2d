// Deletes in a primitive driver's [DefaultUninstall] sections are what uninstalling means:
// real InfVerif output on INFs with `[DefaultUninstall] DelFiles=` and
// `[DefaultUninstall.Services] DelService=` reports neither 1308 nor 1309
// (Windows-driver-samples#889, #890, #893, #895, #897, #1041).
// A network component's DDInstall.Remove sections ([Install.Remove.Services] DelService=) are its
// uninstall too: 'infverif /v /w /stampinf' on netlwf.inf printed only a 1322 (Windows-driver-samples#804).
import type { InfEntry } from '../../inf/document.js';

const REMOVE = /\.remove(\.|$)/i;

export function inUninstall(entry: InfEntry): boolean {
  const section = entry.section;
  return (section.length >= 16 && section.slice(0, 16).toLowerCase() === 'defaultuninstall') || REMOVE.test(section);
}
