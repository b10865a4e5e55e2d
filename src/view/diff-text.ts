// `wdksim target diff` as text: one section per kind of change, `+` added,
// `-` removed, `~` changed, full SHA-256 hashes so they can be checked.
import type { RegValue } from '../machine/index.js';
import { isEmptyDiff, type Changes, type FieldChange, type TargetDiff } from './diff.js';
import { formatRegValue } from './services.js';

function heading(title: string, parts: [number, string][]): string {
  const counts = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return `${title} (${counts.join(', ')})`;
}

function fieldLines(changes: FieldChange[], indent: string): string[] {
  return changes.map((c) => `${indent}${c.field}: ${c.before} -> ${c.after}`);
}

function changesBlock<T>(title: string, c: Changes<T>, line: (t: T) => string[]): string[] {
  if (!c.added.length && !c.removed.length && !c.changed.length) return [];
  const out = [
    heading(title, [
      [c.added.length, 'added'],
      [c.removed.length, 'removed'],
      [c.changed.length, 'changed'],
    ]),
  ];
  // Loops, not push(...lines): a package's lines list every file, more than the stack takes as arguments.
  for (const t of c.added) line(t).forEach((l, i) => out.push(i === 0 ? `  + ${l}` : `      ${l}`));
  for (const t of c.removed) line(t).forEach((l, i) => out.push(i === 0 ? `  - ${l}` : `      ${l}`));
  for (const ch of c.changed) out.push(`  ~ ${ch.id}`, ...fieldLines(ch.changes, '      '));
  return [...out, ''];
}

function values(values: Record<string, RegValue>): string[] {
  return Object.keys(values)
    .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))
    .map((n) => `${n === '' ? '(Default)' : n} = ${formatRegValue(values[n]!)}`);
}

export function formatDiffText(d: TargetDiff): string {
  const out: string[] = [`Comparing ${d.before.label} (${d.before.takenAt}) with ${d.after.label} (${d.after.takenAt})`, ''];
  if (isEmptyDiff(d)) return out.concat('No changes.', '').join('\n');
  const f = d.files;
  if (f.added.length + f.removed.length + f.changed.length) {
    out.push(
      heading('Files', [
        [f.added.length, 'added'],
        [f.removed.length, 'removed'],
        [f.changed.length, 'changed'],
      ]),
    );
    for (const x of f.added) out.push(`  + ${x.path}  ${x.size} bytes  sha256 ${x.sha256}`);
    for (const x of f.removed) out.push(`  - ${x.path}  ${x.size} bytes  sha256 ${x.sha256}`);
    for (const x of f.changed) out.push(`  ~ ${x.path}  ${x.before.size} -> ${x.after.size} bytes  sha256 ${x.before.sha256} -> ${x.after.sha256}`);
    out.push('');
  }
  const r = d.registry;
  if (r.keysAdded.length + r.keysRemoved.length + r.valuesAdded.length + r.valuesRemoved.length + r.valuesChanged.length) {
    out.push(
      heading('Registry', [
        [r.keysAdded.length, 'keys added'],
        [r.keysRemoved.length, 'keys removed'],
        [r.valuesAdded.length, 'values added'],
        [r.valuesRemoved.length, 'values removed'],
        [r.valuesChanged.length, 'values changed'],
      ]),
    );
    for (const k of r.keysAdded) out.push(`  + ${k.key}`, ...values(k.values).map((l) => `      ${l}`));
    for (const k of r.keysRemoved) out.push(`  - ${k.key}`, ...values(k.values).map((l) => `      ${l}`));
    for (const v of r.valuesAdded) out.push(`  + ${v.key}`, `      ${v.name || '(Default)'} = ${formatRegValue(v.value)}`);
    for (const v of r.valuesRemoved) out.push(`  - ${v.key}`, `      ${v.name || '(Default)'} = ${formatRegValue(v.value)}`);
    for (const v of r.valuesChanged) out.push(`  ~ ${v.key}`, `      ${v.name || '(Default)'}: ${formatRegValue(v.before)} -> ${formatRegValue(v.after)}`);
    out.push('');
  }
  out.push(...changesBlock('Services', d.services, (s) => [`${s.name}  ${[s.type, s.start && `start ${s.start}`, s.imagePath].filter(Boolean).join(', ')}`]));
  out.push(
    ...changesBlock('Devices', d.devices, (x) => [
      `${x.instanceId}  ${x.description} [${x.className}] ${x.status}`,
      ...(x.driver ? [`driver ${x.driver}`] : []),
      ...(x.service ? [`service ${x.service}`] : []),
    ]),
  );
  out.push(
    ...changesBlock('Driver store', d.driverStore, (p) => [
      `${p.publishedName} (${p.originalName}) ${p.provider}, ${p.className}, ${p.driverVer}${p.signer ? `, signed by ${p.signer}` : ''}`,
      `folder ${p.storeFolder}`,
      ...p.files.map((x) => `${x.path}  sha256 ${x.sha256}`),
    ]),
  );
  if (d.boot.length) out.push(`Boot settings (${d.boot.length} changed)`, ...fieldLines(d.boot, '  ~ '), '');
  const c = d.certificates;
  if (c.added.length + c.removed.length) {
    out.push(
      heading('Certificates', [
        [c.added.length, 'added'],
        [c.removed.length, 'removed'],
      ]),
    );
    for (const x of c.added) out.push(`  + ${x.store}  ${x.thumbprint}  ${x.subject}`);
    for (const x of c.removed) out.push(`  - ${x.store}  ${x.thumbprint}  ${x.subject}`);
    out.push('');
  }
  return out.join('\n');
}
