// The target diff as one HTML page: the same sections as the text form,
// rows coloured by kind (added, removed, changed).
import type { RegValue } from '../machine/index.js';
import { isEmptyDiff, type Changes, type TargetDiff } from './diff.js';
import { esc, page, table } from './html.js';
import { formatRegValue } from './services.js';

type Row = { kind: 'add' | 'del' | 'chg'; cells: string[] };
const SIGN = { add: '+', del: '−', chg: '~' } as const;

function section(title: string, headers: string[], rows: Row[]): string {
  if (!rows.length) return '';
  return `<h2>${esc(title)} <span class="meta">(${rows.length})</span></h2>\n${table(
    ['', ...headers],
    rows.map((r) => [`<span class="sign">${SIGN[r.kind]}</span>`, ...r.cells]),
    (i) => rows[i]!.kind,
  )}`;
}

function changeRows<T>(c: Changes<T>, id: (t: T) => string, detail: (t: T) => string): Row[] {
  return [
    ...c.added.map((t) => ({ kind: 'add' as const, cells: [esc(id(t)), detail(t)] })),
    ...c.removed.map((t) => ({ kind: 'del' as const, cells: [esc(id(t)), detail(t)] })),
    ...c.changed.map((x) => ({ kind: 'chg' as const, cells: [esc(x.id), x.changes.map((f) => `${esc(f.field)}: ${esc(f.before)} → ${esc(f.after)}`).join('<br>')] })),
  ];
}

const vals = (v: Record<string, RegValue>): string =>
  Object.entries(v)
    .map(([n, x]) => `<code>${esc(n || '(Default)')} = ${esc(formatRegValue(x))}</code>`)
    .join('<br>');

export function formatDiffHtml(d: TargetDiff): string {
  const f = d.files;
  const r = d.registry;
  const body = [
    `<h1>Target diff</h1>\n<p class="meta">${esc(d.before.label)} (${esc(d.before.takenAt)}) → ${esc(d.after.label)} (${esc(d.after.takenAt)})</p>`,
    isEmptyDiff(d) ? '<p>No changes.</p>' : '',
    section(
      'Files',
      ['Path', 'Size', 'SHA-256'],
      [
        ...f.added.map((x) => ({ kind: 'add' as const, cells: [`<code>${esc(x.path)}</code>`, String(x.size), `<code>${x.sha256}</code>`] })),
        ...f.removed.map((x) => ({ kind: 'del' as const, cells: [`<code>${esc(x.path)}</code>`, String(x.size), `<code>${x.sha256}</code>`] })),
        ...f.changed.map((x) => ({
          kind: 'chg' as const,
          cells: [`<code>${esc(x.path)}</code>`, `${x.before.size} → ${x.after.size}`, `<code>${x.before.sha256}</code> →<br><code>${x.after.sha256}</code>`],
        })),
      ],
    ),
    section(
      'Registry',
      ['Key', 'Values'],
      [
        ...r.keysAdded.map((k) => ({ kind: 'add' as const, cells: [`<code>${esc(k.key)}</code>`, vals(k.values)] })),
        ...r.keysRemoved.map((k) => ({ kind: 'del' as const, cells: [`<code>${esc(k.key)}</code>`, vals(k.values)] })),
        ...r.valuesAdded.map((v) => ({ kind: 'add' as const, cells: [`<code>${esc(v.key)}</code>`, vals({ [v.name]: v.value })] })),
        ...r.valuesRemoved.map((v) => ({ kind: 'del' as const, cells: [`<code>${esc(v.key)}</code>`, vals({ [v.name]: v.value })] })),
        ...r.valuesChanged.map((v) => ({
          kind: 'chg' as const,
          cells: [`<code>${esc(v.key)}</code>`, `<code>${esc(v.name || '(Default)')}: ${esc(formatRegValue(v.before))} → ${esc(formatRegValue(v.after))}</code>`],
        })),
      ],
    ),
    section(
      'Services',
      ['Name', 'Details'],
      changeRows(
        d.services,
        (s) => s.name,
        (s) => esc([s.type, s.start && `start ${s.start}`, s.imagePath].filter(Boolean).join(', ')),
      ),
    ),
    section(
      'Devices',
      ['Instance', 'Details'],
      changeRows(
        d.devices,
        (x) => x.instanceId,
        (x) => `${esc(x.description)} [${esc(x.className)}] ${esc(x.status)}${x.driver ? `<br>driver ${esc(x.driver)}` : ''}`,
      ),
    ),
    section(
      'Driver store',
      ['Published name', 'Details'],
      changeRows(
        d.driverStore,
        (p) => p.publishedName,
        (p) => `${esc(p.originalName)}, ${esc(p.provider)}, ${esc(p.driverVer)}<br><code>${esc(p.storeFolder)}</code>`,
      ),
    ),
    section(
      'Boot settings',
      ['Setting', 'Change'],
      d.boot.map((b) => ({ kind: 'chg' as const, cells: [esc(b.field), `${esc(b.before)} → ${esc(b.after)}`] })),
    ),
    section(
      'Certificates',
      ['Store', 'Subject'],
      [
        ...d.certificates.added.map((c) => ({ kind: 'add' as const, cells: [esc(c.store), `${esc(c.subject)} <code>${c.thumbprint}</code>`] })),
        ...d.certificates.removed.map((c) => ({ kind: 'del' as const, cells: [esc(c.store), `${esc(c.subject)} <code>${c.thumbprint}</code>`] })),
      ],
    ),
  ]
    .filter(Boolean)
    .join('\n');
  return page('Target diff', body);
}
