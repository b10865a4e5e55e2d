// MSBuild project files as a small element tree (name, attributes, children,
// text), read with fast-xml-parser in document order so that evaluation can
// follow MSBuild's top-to-bottom rules.
import { XMLParser } from 'fast-xml-parser';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content (trimmed), '' for an empty element. */
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  commentPropName: '#comment',
});

type Raw = Record<string, unknown> & { ':@'?: Record<string, string> };

function convert(node: Raw): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name.startsWith('#') || name.startsWith('?')) return undefined;
  const rawChildren = (node[name] as Raw[]) ?? [];
  const children: XmlElement[] = [];
  let text = '';
  for (const child of rawChildren) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const element = convert(child);
      if (element) children.push(element);
    }
  }
  return { name, attrs: { ...(node[':@'] ?? {}) }, children, text: text.trim() };
}

/** Parses XML text; throws an Error with the parser's message if it is not well formed. */
export function parseXml(text: string): XmlElement {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nodes = parser.parse(body, true) as Raw[];
  for (const node of nodes) {
    const element = convert(node);
    if (element) return element;
  }
  throw new Error('no root element');
}
