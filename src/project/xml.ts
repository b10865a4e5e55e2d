// MSBuild project files as a small element tree (name, attributes, children,
// text, and the line each element starts on), read in document order so that
// evaluation can follow MSBuild's top-to-bottom rules and name file and line
// in its warnings. A small reader of its own: MSBuild files use elements,
// attributes, text, comments, CDATA and the five XML entities, nothing else.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content (trimmed), '' for an empty element. */
  text: string;
  /** 1-based line of the element's start tag. */
  line: number;
  /** The file it was read from, when the caller gave one. */
  file?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, at: () => number): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const value = ENTITIES[name];
    if (value === undefined) throw new Error(`unknown entity ${whole} at line ${at()}`);
    return value;
  });
}

/** Parses XML text; throws an Error naming the line if it is not well formed. */
export function parseXml(text: string, file?: string): XmlElement {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let pos = 0;
  let line = 1;
  const advance = (to: number) => {
    for (let i = pos; i < to; i++) if (src.charCodeAt(i) === 10) line++;
    pos = to;
  };
  const fail = (what: string): never => {
    throw new Error(`${what} at line ${line}`);
  };
  const stack: Array<XmlElement & { raw: string[] }> = [];
  let root: XmlElement | undefined;

  while (pos < src.length) {
    const lt = src.indexOf('<', pos);
    if (lt < 0) {
      if (src.slice(pos).trim() !== '' && stack.length === 0) fail('text outside the root element');
      if (stack.length > 0) stack.at(-1)!.raw.push(decode(src.slice(pos), () => line));
      advance(src.length);
      break;
    }
    if (lt > pos) {
      const chunk = src.slice(pos, lt);
      if (stack.length > 0) stack.at(-1)!.raw.push(decode(chunk, () => line));
      else if (chunk.trim() !== '') fail('text outside the root element');
      advance(lt);
    }
    if (src.startsWith('<!--', pos)) {
      const end = src.indexOf('-->', pos + 4);
      if (end < 0) fail('unterminated comment');
      advance(end + 3);
    } else if (src.startsWith('<![CDATA[', pos)) {
      const end = src.indexOf(']]>', pos);
      if (end < 0) fail('unterminated CDATA section');
      if (stack.length > 0) stack.at(-1)!.raw.push(src.slice(pos + 9, end));
      advance(end + 3);
    } else if (src.startsWith('<?', pos)) {
      const end = src.indexOf('?>', pos);
      if (end < 0) fail('unterminated processing instruction');
      advance(end + 2);
    } else if (src.startsWith('<!', pos)) {
      const end = src.indexOf('>', pos);
      if (end < 0) fail('unterminated declaration');
      advance(end + 1);
    } else if (src.startsWith('</', pos)) {
      const m = /^<\/([^\s>]+)\s*>/.exec(src.slice(pos, pos + 300));
      if (!m) fail('malformed end tag');
      const open = stack.pop();
      if (!open || open.name !== m![1]) fail(`end tag </${m![1]}> does not match <${open?.name ?? '(none)'}>`);
      open!.text = open!.raw.join('').trim();
      advance(pos + m![0].length);
      if (stack.length === 0) root = strip(open!);
    } else {
      const startLine = line;
      const nameMatch = /^<([A-Za-z_][\w.:-]*)/.exec(src.slice(pos, pos + 300));
      if (!nameMatch) fail('malformed start tag');
      let i = pos + nameMatch![0].length;
      const attrs: Record<string, string> = {};
      const attrRe = /\s*([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')|\s*(\/?>)|\s+/y;
      let closed: string | undefined;
      while (closed === undefined) {
        attrRe.lastIndex = i;
        const a = attrRe.exec(src);
        if (!a || a.index !== i) fail(`malformed attribute in <${nameMatch![1]}>`);
        i = attrRe.lastIndex;
        if (a![5]) closed = a![5];
        else if (a![1]) attrs[a![1]] = decode(a![3] ?? a![4] ?? '', () => startLine);
      }
      if (stack.length === 0 && root) fail('a second root element');
      const element = { name: nameMatch![1]!, attrs, children: [], text: '', line: startLine, raw: [] as string[], ...(file ? { file } : {}) };
      if (stack.length > 0) stack.at(-1)!.children.push(element);
      advance(i);
      if (closed === '/>') {
        if (stack.length === 0) root = strip(element);
      } else {
        stack.push(element);
      }
    }
  }
  if (stack.length > 0) fail(`<${stack.at(-1)!.name}> is not closed`);
  if (!root) throw new Error('no root element');
  return root;
}

function strip(element: XmlElement & { raw?: string[] }): XmlElement {
  delete element.raw;
  for (const child of element.children) strip(child);
  return element;
}
