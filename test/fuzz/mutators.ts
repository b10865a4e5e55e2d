// Mutations of INF bytes for the CLI fuzz target. Each takes the original
// bytes and a PRNG and returns hostile bytes plus a short label, so a failing
// case names how it was made (with the seed, it can be replayed).
export type Mutator = (bytes: Buffer, random: () => number, scale: number) => Buffer;

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: () => number, max: number): number => Math.floor(random() * max);
const text = (bytes: Buffer): string => bytes.toString('latin1');
const bytesOf = (s: string): Buffer => Buffer.from(s, 'latin1');

/** Inserts `insert` at a random line start of the text. */
function atLine(bytes: Buffer, random: () => number, insert: string): Buffer {
  const t = text(bytes);
  const starts = [0];
  for (let i = t.indexOf('\n'); i !== -1 && starts.length < 5000; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
  const at = pick(random, starts);
  return bytesOf(t.slice(0, at) + insert + t.slice(at));
}

export const MUTATORS: Record<string, Mutator> = {
  truncate: (b, r) => b.subarray(0, int(r, b.length + 1)),
  'byte flips': (b, r) => {
    const copy = Buffer.from(b);
    for (let n = 1 + int(r, 32); n > 0 && copy.length > 0; n--) {
      const at = int(r, copy.length);
      copy[at] = copy[at]! ^ (1 << int(r, 8));
    }
    return copy;
  },
  'random bytes': (b, r) => {
    const copy = Buffer.from(b);
    for (let n = 1 + int(r, 64); n > 0 && copy.length > 0; n--) copy[int(r, copy.length)] = int(r, 256);
    return copy;
  },
  'huge line': (b, r, scale) => {
    const size = 20_000 * scale + int(r, 20_000 * scale);
    const kind = int(r, 4);
    const line = kind === 0 ? `HugeKey=${'A'.repeat(size)}\r\n` : kind === 1 ? `[${'S'.repeat(size)}]\r\n` : kind === 2 ? `${'x,'.repeat(size / 2)}\r\n` : `k="${'q'.repeat(size)}`;
    return atLine(b, r, line);
  },
  'deep % nesting': (b, r, scale) => {
    const depth = 200 * scale + int(r, 200 * scale);
    const chain = Array.from({ length: depth }, (_, i) => `s${i}="%s${i + 1}%%s${i + 1}%"`).join('\r\n');
    const uses = `Provider=%s0%\r\nDriverVer=%s0%,%s0%\r\nk=${'%'.repeat(depth)}\r\n${'%s0%'.repeat(depth)}=%s0%\r\n`;
    return atLine(Buffer.concat([b, bytesOf(`\r\n[Strings]\r\n${chain}\r\ns${depth}="%s0%"\r\n`)]), r, uses);
  },
  'thousands of sections': (b, r, scale) => {
    const count = 500 * scale + int(r, 500 * scale);
    const parts: string[] = [];
    for (let i = 0; i < count; i++) parts.push(`[Sec${i}]\r\nInclude=x.inf\r\nNeeds=Sec${(i + 1) % count}\r\nCopyFiles=Sec${i}\r\nAddReg=Sec${i}\r\n`);
    return Buffer.concat([b, bytesOf(`\r\n${parts.join('')}`)]);
  },
  'circular Include/Needs': (b) => {
    // Every section includes this INF and needs itself and the next one.
    const t = text(b);
    const names = [...t.matchAll(/^\s*\[([^\]\r\n]+)\]/gm)].map((m) => m[1]!);
    let i = 0;
    return bytesOf(
      t.replace(/^(\s*\[[^\]\r\n]+\][^\r\n]*)(\r?\n)/gm, (whole, header: string, eol: string) => {
        const self = names[i]!;
        const next = names[++i % Math.max(names.length, 1)] ?? self;
        return `${header}${eol}Include=${'x.inf,x.inf'}${eol}Needs=${self},${next}${eol}`;
      }),
    );
  },
  'UTF-16 without BOM': (b) => {
    const t = text(b).replace(/^\uFEFF/, '');
    return Buffer.from(t, 'utf16le');
  },
  'invalid UTF-16 surrogates': (b, r) => {
    const units = Buffer.from(text(b), 'utf16le');
    const out = Buffer.from(units);
    for (let n = 1 + int(r, 16); n > 0 && out.length >= 2; n--) {
      const at = int(r, out.length / 2) * 2;
      out.writeUInt16LE(pick(r, [0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffe, 0xffff]), at);
    }
    return Buffer.concat([Buffer.from([0xff, 0xfe]), out, r() < 0.5 ? Buffer.from([0x41]) : Buffer.alloc(0)]);
  },
  'odd-length UTF-16': (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text(b), 'utf16le').subarray(1)]),
  'UTF-8 BOM and invalid UTF-8': (b, r) => atLine(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]), r, '\xc3\x28\xe2\x82\r\n\xf0\x90\x28\xbc\r\n'),
  'control characters': (b, r) => {
    const copy = Buffer.from(b);
    for (let n = 1 + int(r, 16); n > 0 && copy.length > 0; n--) copy[int(r, copy.length)] = pick(r, [0x00, 0x1a, 0x0d, 0x0a, 0x5c, 0x22, 0x25, 0x3b, 0x5b, 0x5d]);
    return copy;
  },
  'CR-only line ends': (b) => bytesOf(text(b).replace(/\r?\n/g, '\r')),
  'hostile names': (b, r) =>
    atLine(
      b,
      r,
      pick(r, [
        '[SourceDisksFiles]\r\n..\\..\\..\\evil.sys=1,..\\..\\x\r\nCON=1\r\nnul.sys=1\r\n',
        '[Version]\r\nCatalogFile=..\\..\\evil.cat\r\nCatalogFile.NTamd64=C:\\x.cat\r\n',
        '[DestinationDirs]\r\nDefaultDestDir=-1,/etc\r\n',
        '[SourceDisksNames]\r\n1=d,,,..\\..\\..\r\n',
      ]),
    ),
};

export const MUTATOR_NAMES = Object.keys(MUTATORS);
