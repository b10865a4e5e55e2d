// The target report as one HTML page: Device Manager's devices-by-type tree
// (<details>, so it folds without scripts), then driver store, services, boot.
import { esc, page, table } from './html.js';
import type { ReportDevice, TargetReport } from './report.js';

function device(d: ReportDevice): string {
  const flag = d.problem || d.disabled ? '<span class="problem" title="problem">⚠</span> ' : '';
  const rows: [string, string][] = [
    ['Device instance path', `<code>${esc(d.instanceId)}</code>`],
    ['Device status', d.problem ? `<span class="problem">${esc(d.status)}${d.problemName ? ` (${esc(d.problemName)})` : ''}</span>` : esc(d.status)],
    ['Hardware Ids', d.hardwareIds.map((h) => `<code>${esc(h)}</code>`).join('<br>') || '(none)'],
  ];
  if (d.service) rows.push(['Service', esc(d.service)]);
  if (d.upperFilters) rows.push(['Upper filters', esc(d.upperFilters.join(', '))]);
  if (d.lowerFilters) rows.push(['Lower filters', esc(d.lowerFilters.join(', '))]);
  if (d.driver) {
    const v = d.driver;
    rows.push(
      ['Driver provider', esc(v.provider)],
      ['Driver date', esc(v.date)],
      ['Driver version', esc(v.version)],
      ['Digital signer', v.signer ? esc(v.signer) : '<span class="problem">not digitally signed</span>'],
      ['INF name', `${esc(v.inf)} (${esc(v.originalName)})`],
      ['INF section', esc(v.section)],
      ['Matching device Id', `<code>${esc(v.matchingId)}</code>`],
      ['Rank', esc(v.rank)],
      ['Driver files', v.files.map((f) => `<code>${esc(f)}</code>`).join('<br>') || '(none)'],
    );
  } else {
    rows.push(['Driver', 'no driver installed']);
  }
  // Folded like Device Manager's tree, except what a driver developer came to see:
  // devices with a problem and devices running a third-party (oemN.inf) driver.
  const open = d.problem !== 0 || /^oem\d+\.inf$/i.test(d.driver?.inf ?? '');
  return `<details class="dev"${open ? ' open' : ''}><summary>${flag}${esc(d.name)}</summary>
<table class="kv">${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${v}</td></tr>`).join('')}</table></details>`;
}

export function formatReportHtml(r: TargetReport): string {
  const m = r.machine;
  const tree = r.classes
    .map(
      (c) => `<details open><summary>${esc(c.description)} <span class="meta">(${c.devices.length})</span></summary>
${c.devices.map(device).join('\n')}
</details>`,
    )
    .join('\n');
  const store = table(
    ['Published name', 'Original name', 'Provider', 'Class', 'Date and version', 'Signer', 'Folder'],
    r.driverStore.map((p) => [
      esc(p.publishedName),
      esc(p.originalName),
      esc(p.provider),
      esc(p.className),
      esc(p.driverVer),
      p.inbox ? 'inbox (Microsoft Windows)' : esc(p.signer ?? 'not signed'),
      `<code>${esc(p.storeFolder)}</code>`,
    ]),
  );
  const services = table(
    ['Name', 'Type', 'Start', 'Image path'],
    r.services.map((s) => [esc(s.name), esc(s.type ?? ''), esc(s.start ?? ''), `<code>${esc(s.imagePath ?? '')}</code>`]),
  );
  const b = r.boot;
  const boot = `<table class="kv">
<tr><td>Test signing</td><td>${b.testsigning ? 'On' : 'Off'}</td></tr>
<tr><td>Kernel debugging</td><td>${b.debug ? 'On' : 'Off'}${b.debugger ? ` (${esc(b.debugger)})` : ''}</td></tr>
${b.pending ? `<tr><td>Pending (next reboot)</td><td>${esc(b.pending)}</td></tr>` : ''}
<tr><td>Boot count</td><td>${b.bootCount}</td></tr></table>`;
  const certs = r.certificates.length
    ? `<h2>Certificates</h2>\n${table(
        ['Store', 'Subject', 'Thumbprint', 'Expires'],
        r.certificates.map((c) => [esc(c.store), esc(c.subject), `<code>${esc(c.thumbprint)}</code>`, esc(c.notAfter ?? '')]),
      )}`
    : '';
  return page(
    `Target report: ${m.os}`,
    `<h1>Target report</h1>
<p class="meta">${esc(m.os)}, build ${m.build}, ${esc(m.arch)}; KMDF ${esc(m.kmdf)}, UMDF ${esc(m.umdf)}; ${r.problems} device(s) with a problem</p>
<h2>Boot settings</h2>
${boot}
<h2>Devices by type</h2>
${tree}
<h2>Driver store</h2>
${store}
<h2>Services</h2>
${services}
${certs}`,
  );
}
