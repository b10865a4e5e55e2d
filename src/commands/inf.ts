// `wdksim inf parse FILE [--json]`: print the parsed document.
import { resolve as resolvePath } from 'node:path';
import { UsageError } from '../errors.js';
import type { Context } from '../io.js';
import { parseInfBytesChecked, readInfFile } from '../inf/parse.js';
import { documentToJson } from '../inf/json.js';
import type { InfDocument } from '../inf/document.js';
import { infHelp, parseInfParseArgs } from './args/inf.js';

export async function run(argv: string[], ctx: Context): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    ctx.io.stdout(infHelp());
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'parse') throw new UsageError(`unknown inf subcommand "${sub}"; use "wdksim inf parse <file>"`);
  const args = parseInfParseArgs(rest);
  if ('help' in args) {
    ctx.io.stdout(args.help);
    return 0;
  }
  const { file, json } = args;
  const doc = file === '-' ? parseInfBytesChecked(await ctx.io.readStdin(), { file: '<stdin>' }) : await readInfFile(resolvePath(ctx.io.cwd, file), { file }); // relative to ctx.io.cwd, not process.cwd()
  if (json) ctx.io.stdout(`${JSON.stringify(documentToJson(doc), null, 2)}\n`);
  else ctx.io.stdout(outline(doc));
  const errors = doc.diagnostics.filter((d) => d.severity === 'error');
  if (!json) {
    for (const d of doc.diagnostics) {
      const where = d.line > 0 ? `${doc.file}:${d.line}:${d.column}` : doc.file;
      ctx.io.stderr(`${where}: ${d.severity} ${d.code}: ${d.message}\n`);
    }
  }
  return errors.length > 0 ? 1 : 0;
}

function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function outline(doc: InfDocument): string {
  const lines = [`${doc.file} (${doc.encoding}${doc.bom ? ', BOM' : ''}, ${doc.eol} line ends): ${doc.sections.length} sections`];
  for (const section of doc.sections) {
    lines.push(
      `[${clip(section.name)}]  line ${section.line}${section.headers.length > 1 ? ` (+${section.headers.length - 1} more headers)` : ''}, ${section.entries.length} entries`,
    );
    for (const entry of section.entries) {
      const key = entry.key === undefined ? '' : `${clip(entry.key)} = `;
      lines.push(`  ${String(entry.line).padStart(5)}  ${key}${entry.fields.map((f) => JSON.stringify(clip(f))).join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
