// What InfVerif prints besides findings: the /v banner lines of a mode in a
// kit, and the /info summary of an INF.
import type { InfDocument } from '../inf/document.js';
import type { Kit } from './kits.js';
import { modelOf } from './model.js';
import type { Mode } from './types.js';

/**
 * The /v lines before the first INF. 10.0.19041 /w printed "Running Windows Core INF check"
 * (Windows-driver-samples#553); 26xxx kits "Running Windows Driver INF check", /h "Running
 * signature requirements check" and the rules' OS build, /msft "Running in MSFT driver mode"
 * (Windows-rust-driver-samples#14). The /u and /k lines are wdksim's wording (not public).
 */
export function verboseBanner(mode: Mode, kit: Kit, msft: boolean): string[] {
  const out = ['Running in Verbose'];
  if (msft) out.push('Running in MSFT driver mode');
  switch (mode) {
    case 'w':
      out.push(kit.build < 22621 ? 'Running Windows Core INF check' : 'Running Windows Driver INF check');
      break;
    case 'u':
      out.push('Running Universal INF check');
      break;
    case 'k':
      out.push('Running Declarative INF check');
      break;
    case 'h':
      out.push('Running signature requirements check', `Using rules from OS build: ${kit.version}`);
      break;
    default:
      break;
  }
  return out;
}

/**
 * /info: each hardware ID with the architecture and minimum OS version its Models section
 * installs on. InfVerif's exact layout is not public; wdksim prints one line per ID.
 */
export function infSummary(doc: InfDocument, name: string): string {
  const model = modelOf(doc);
  const lines = [`INF summary for ${name}:`];
  const seen = new Set<string>();
  for (const m of model.modelEntries) {
    const dec = m.models.dec;
    const os = dec?.major !== undefined ? `${dec.major}.${dec.minor ?? 0}${dec.build !== undefined ? `.${dec.build}` : ''}` : 'any';
    for (const id of m.hardwareIds.filter((h) => h !== '')) {
      const line = `  ${id}: architecture ${m.models.arch}, minimum OS version ${os}`;
      if (!seen.has(line)) lines.push(line);
      seen.add(line);
    }
  }
  if (lines.length === 1) lines.push('  (no hardware IDs)');
  return `${lines.join('\n')}\n`;
}
