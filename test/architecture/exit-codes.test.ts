// Exit codes have one source, src/exit-codes.ts. The README's table and the tables in
// docs/ must list the same codes for each tool (pnputil's rows may list a subset, as they
// say `wdksim pnputil --help` lists them all), and each --help line is made from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, exitCodeTables } from '../../src/exit-codes.js';

type Tool = keyof typeof EXIT_CODES;
const TOOL_OF: Record<string, Tool> = { 'inf parse': 'lint', infverif: 'lint', doctor: 'lint' };
const toolOf = (name: string): Tool => {
  const key = TOOL_OF[name] ?? name;
  if (!(key in EXIT_CODES)) throw new Error(`a docs table names "${name}", which src/exit-codes.ts has no table for`);
  return key as Tool;
};
const codesOf = (tool: Tool) => [...new Set(EXIT_CODES[tool].map((c) => c.code))].sort((a, b) => a - b);

/** The codes a cell lists: each `;`/`,`/`:`-separated item that starts with a number (parenthesised asides dropped). */
export function listedCodes(cell: string): number[] {
  const items = cell.replace(/\([^()]*\)/g, '').split(/[;,:]/);
  const codes = items
    .map((item) => /^\s*(\d+)(?=\s|$)/.exec(item)?.[1])
    .filter((c): c is string => c !== undefined)
    .map(Number);
  return [...new Set(codes)].sort((a, b) => a - b);
}

/** `| tools | codes |` rows of the markdown table under a heading. */
function tableRows(markdown: string, heading: string): [string[], string][] {
  const at = markdown.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`no "${heading}" heading`);
  const after = markdown.slice(at + heading.length + 2);
  const section = after.slice(0, after.search(/\n#{1,3} /) >>> 0);
  return section
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l) && !/^\|\s*(tool|code)\b/i.test(l))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map((cells) => [cells[1]!.split(',').map((t) => t.replace(/`/g, '').trim()), cells[2]!]);
}

function paragraph(markdown: string, heading: string): string {
  const after = markdown.slice(markdown.indexOf(`\n${heading}\n`) + heading.length + 2);
  return after.slice(0, after.search(/\n#{1,3} /) >>> 0);
}

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

function checkRow(names: string[], cell: string): void {
  for (const name of names) {
    const tool = toolOf(name);
    const listed = listedCodes(cell);
    if (tool === 'pnputil') for (const code of listed) expect(codesOf(tool), `${name}: ${cell}`).toContain(code);
    else expect(listed, `${name}: ${cell}`).toEqual(codesOf(tool));
  }
}

describe('exit codes: one source, and the docs agree with it', () => {
  it('the parser reads codes, not the numbers in asides', () => {
    expect(listedCodes("0 success; 255 (Inf2Cat's −1) bad parameters; 254 (Inf2Cat's −2) failed")).toEqual([0, 254, 255]);
    expect(listedCodes('the low byte (1 when that byte is 0): 0 success, 194 (3010) reboot, 87 bad command line')).toEqual([0, 87, 194]);
  });

  it('README "## Exit codes" lists each tool\'s codes', () => {
    const rows = tableRows(read('README.md'), '## Exit codes');
    expect(rows.length).toBeGreaterThanOrEqual(12);
    for (const [names, cell] of rows) checkRow(names, cell);
    const named = new Set(rows.flatMap(([names]) => names.map(toolOf)));
    expect([...named].sort()).toEqual(Object.keys(EXIT_CODES).sort());
  });

  it('docs/reliability.md, docs/devcon-pnputil.md, docs/build.md and docs/infverif.md agree', () => {
    const reliability = read('docs/reliability.md');
    const at = reliability.indexOf('Exit codes (each tool');
    const rows = tableRows(`\n## x\n${reliability.slice(reliability.indexOf('\n', at) + 1)}`, '## x');
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const [names, cell] of rows) checkRow(names, cell);
    const devcon = tableRows(read('docs/devcon-pnputil.md'), '### Exit codes').map(([[code]]) => Number(code));
    expect(devcon).toEqual(codesOf('devcon'));
    expect(listedCodes(paragraph(read('docs/build.md'), '## Exit codes'))).toEqual(codesOf('build'));
    expect(listedCodes(paragraph(read('docs/infverif.md'), '## Exit codes').split('\n\n')[0]!)).toEqual(codesOf('lint'));
  });

  it('each --help line is made from the table', () => {
    expect(exitCodeTables.inf2cat).toBe('Exit codes: 0 success, 255 (Inf2Cat -1) bad parameters, 254 (Inf2Cat -2) signability test failed.');
    for (const [tool, line] of Object.entries(exitCodeTables)) expect(listedCodes(line.replace('Exit codes:', ''))).toEqual(codesOf(tool as Tool));
  });
});
