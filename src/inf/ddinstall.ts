// DDInstall platform-suffix selection (inf-format.md §2.4): X.NT<arch>, then
// X.NT, then X. A section that exists, even empty, wins.
import type { InfDocument } from './document.js';
import { platformSectionNames, type Arch } from './arch.js';

export { platformSectionNames };

export interface InstallSectionChoice {
  /** The section name to use, as written in the INF, or undefined if none exists. */
  name?: string;
  /** Which form matched. */
  form?: 'arch' | 'nt' | 'plain';
  /** The names tried, in order. */
  tried: string[];
}

export function resolveInstallSection(doc: InfDocument, base: string, arch: Arch): InstallSectionChoice {
  const tried = platformSectionNames(base, arch);
  const forms = ['arch', 'nt', 'plain'] as const;
  for (let i = 0; i < tried.length; i++) {
    const section = doc.section(tried[i]!);
    if (section) return { name: section.name, form: forms[i]!, tried };
  }
  return { tried };
}

/** Companion sections hang off the chosen name: X.NTamd64.Services, .HW, .Wdf, .CoInstallers... */
export function companionSection(chosen: string, suffix: string): string {
  return `${chosen}.${suffix}`;
}
