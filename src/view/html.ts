// One self-contained HTML page: inline CSS, no scripts, no external requests
// (a strict Content-Security-Policy says so), readable from a file:// URL.
export function esc(text: string | number | boolean | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--mute:#666;--line:#ddd;--add:#e6ffec;--del:#ffebe9;--chg:#fff8c5;--warn:#b35900}
@media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--bg:#161616;--mute:#999;--line:#333;--add:#12361e;--del:#3d1214;--chg:#3a3000;--warn:#ffa94d}}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:1rem 1.5rem}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.4rem 0 .4rem;border-bottom:1px solid var(--line)}
.meta{color:var(--mute)}code,.mono{font-family:ui-monospace,Consolas,monospace;font-size:12.5px;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:.3rem 0}th,td{text-align:left;vertical-align:top;padding:.2rem .5rem;border-bottom:1px solid var(--line)}
th{font-weight:600}details{margin:.2rem 0}summary{cursor:pointer;font-weight:600}
.dev{margin:.1rem 0 .1rem 1.2rem}.dev>summary{font-weight:400}.problem{color:var(--warn);font-weight:600}
.add{background:var(--add)}.del{background:var(--del)}.chg{background:var(--chg)}.sign{font-family:ui-monospace,monospace;width:1.2em}
.kv td:first-child{width:14rem;color:var(--mute)}
`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function table(headers: string[], rows: string[][], rowClass?: (i: number) => string | undefined): string {
  const head = `<tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map((r, i) => {
      const cls = rowClass?.(i);
      return `<tr${cls ? ` class="${cls}"` : ''}>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}
