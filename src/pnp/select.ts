// devcon's device selection (wdk-tools.md §5.3, devcon.cpp EnumerateDevices,
// GetIdType and WildCardMatch): `=class` first, a bare `*` for everything,
// `@` instance-ID patterns, `'` for a literal, `*` wildcards anchored at both
// ends and compared case-insensitively against hardware and compatible IDs.
import type { DeviceRecord } from '../machine/model.js';
import { classesNamed, enumerationOrder, fold, type MachineView } from './view.js';

export interface IdPattern {
  /** The text after the `@` and `'` prefixes. */
  text: string;
  /** `@` prefix: matched against the instance ID. */
  instance: boolean;
  /** Contains a `*` that is a wildcard (not after a `'`). */
  wild: boolean;
}

export function parseIdPattern(arg: string): IdPattern {
  let text = arg;
  let instance = false;
  if (text.startsWith('@')) {
    instance = true;
    text = text.slice(1);
  }
  if (text.startsWith("'")) return { text: text.slice(1), instance, wild: false };
  return { text, instance, wild: text.includes('*') };
}

/** Anchored, case-insensitive match where `*` matches any run of characters. */
export function wildcardMatch(item: string, pattern: IdPattern): boolean {
  const value = fold(item);
  const pat = fold(pattern.text);
  if (!pattern.wild) return value === pat;
  const parts = pat.split('*');
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!value.startsWith(first)) return false;
  let pos = first.length;
  // Middle pieces: leftmost occurrence each, as devcon scans.
  for (let i = 1; i < parts.length - 1; i++) {
    const piece = parts[i]!;
    if (piece === '') continue;
    const at = value.indexOf(piece, pos);
    if (at < 0) return false;
    pos = at + piece.length;
  }
  // The last piece must end the item, without overlapping what was consumed.
  return value.length - pos >= last.length && value.endsWith(last);
}

export interface SelectOptions {
  /** Include devices that are not present (findall, removeall). */
  includePhantoms: boolean;
}

export type Selection = { kind: 'usage' } | { kind: 'devices'; devices: DeviceRecord[]; unknownClass: boolean };

/** The devices a devcon `<id>...` / `=<class> [<id>...]` argument list selects, in visit order. */
export function selectDevices(view: MachineView, args: readonly string[], options: SelectOptions): Selection {
  if (args.length === 0) return { kind: 'usage' };
  let skip = 0;
  let classGuid: string | undefined;
  const first = args[0]!;
  if (first.startsWith('=') && first.length > 1) {
    const found = classesNamed(view, first.slice(1));
    if (found.length === 0) return { kind: 'devices', devices: [], unknownClass: true };
    classGuid = found[0]!.guid;
    skip++;
  }
  let all = false;
  if (args.length > skip && args[skip] === '*') {
    all = true;
    skip++;
  } else if (args.length <= skip) {
    all = true;
  }
  const patterns = args.slice(skip).map(parseIdPattern);
  let search = patterns.some((p) => p.wild || !p.instance);
  const inClass = (d: DeviceRecord) => classGuid === undefined || fold(d.classGuid) === fold(classGuid);
  const list: DeviceRecord[] = search || all ? enumerationOrder(view.devices).filter((d) => inClass(d) && (options.includePhantoms || d.present)) : [];
  // Explicit instance IDs are opened directly, which reaches devices that are not present.
  for (const p of patterns) {
    if (!p.instance) continue;
    const device = view.deviceById ? view.deviceById(p.text) : view.devices.find((d) => fold(d.instanceId) === fold(p.text));
    if (device && inClass(device) && !list.includes(device)) list.push(device);
  }
  if (all) search = false;
  const devices = search ? list.filter((d) => patterns.some((p) => matches(d, p))) : list;
  return { kind: 'devices', devices, unknownClass: false };
}

function matches(device: DeviceRecord, pattern: IdPattern): boolean {
  if (pattern.instance) return wildcardMatch(device.instanceId, pattern);
  return device.hardwareIds.some((id) => wildcardMatch(id, pattern)) || device.compatibleIds.some((id) => wildcardMatch(id, pattern));
}
