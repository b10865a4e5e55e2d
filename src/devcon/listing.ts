// classes, listclass and dp_enum: the listings that are not about selected devices.
import { DevconExit } from '../exit-codes.js';
import { dumpDevice } from './format.js';
import type { CommandResult } from './report.js';
import { classByGuid, classesNamed, classOrder, enumerationOrder, fold, oemPackages, type MachineView } from '../pnp/view.js';

export function runClasses(view: MachineView, machine?: string): CommandResult {
  const classes = classOrder(view.classes);
  let out = machine ? `Listing ${classes.length} setup classes on ${machine}.\n` : `Listing ${classes.length} setup classes.\n`;
  for (const c of classes) out += `${c.name.padEnd(20)}: ${c.description || c.name}\n`;
  return { code: DevconExit.ok, out, json: { classes: classes.map((c) => ({ name: c.name, guid: c.guid, description: c.description })) } };
}

export function runListClass(view: MachineView, args: readonly string[], machine?: string): CommandResult {
  if (args.length === 0) return { code: DevconExit.usage, out: '', json: {} };
  let out = '';
  const listed: Record<string, unknown>[] = [];
  for (const arg of args) {
    if (!arg) continue;
    const found = classesNamed(view, arg);
    if (found.length === 0) {
      out += machine ? `There is no "${arg}" setup class on ${machine}.\n` : `There is no "${arg}" setup class on the local machine.\n`;
      listed.push({ name: arg, exists: false, devices: [] });
      continue;
    }
    for (const cls of found) {
      const devices = enumerationOrder(view.devices).filter((d) => d.present && fold(d.classGuid) === fold(cls.guid));
      const desc = cls.description || cls.name;
      const where = machine ? ` on ${machine}` : '';
      if (devices.length === 0) out += `There are no devices in setup class "${cls.name}" (${desc})${where}.\n`;
      else out += `Listing ${devices.length} devices in setup class "${cls.name}" (${desc})${where}.\n` + devices.map(dumpDevice).join('');
      listed.push({ name: cls.name, guid: cls.guid, exists: true, devices: devices.map((d) => ({ instanceId: d.instanceId, description: d.friendlyName ?? d.description })) });
    }
  }
  return { code: DevconExit.ok, out, json: { classes: listed } };
}

export function runDpEnum(view: MachineView, args: readonly string[]): CommandResult {
  if (args.length > 0) return { code: DevconExit.usage, out: '', json: {} };
  const packages = oemPackages(view);
  if (packages.length === 0) return { code: DevconExit.ok, out: 'There are no third-party driver packages on this machine.\n', json: { packages: [] } };
  let out = 'The following third-party driver packages are installed on this computer:\n';
  const json: Record<string, unknown>[] = [];
  for (const p of packages) {
    const cls = classByGuid(view, p.classGuid);
    out += `${p.publishedName}\n`;
    out += `    Provider: ${p.provider || 'unknown'}\n`;
    out += `    Class: ${cls ? cls.description || cls.name : 'unknown'}\n`;
    out += `    Signer: ${p.signer ?? 'unknown'}\n`;
    out += `    Date: ${p.driverDate || 'unknown'}\n`;
    out += `    Version: ${p.driverVersion || 'unknown'}\n`;
    json.push({
      publishedName: p.publishedName,
      originalName: p.originalName,
      provider: p.provider || null,
      className: cls?.description ?? null,
      signer: p.signer ?? null,
      date: p.driverDate || null,
      version: p.driverVersion || null,
    });
  }
  return { code: DevconExit.ok, out, json: { packages: json } };
}
