// X.500 distinguished names from the makecert/signtool text form
// ("CN=WDKTestCert alice,133", "CN=Contoso, O=Contoso Ltd, C=US").
import { ia5, oid, printable, seq, set, tlv } from './der.js';

/** BMPString (UTF-16BE), uncached: a name value, not an attribute name. */
const bmpString = (text: string): Buffer => tlv(0x1e, Buffer.from(text, 'utf16le').swap16());

const KEYS: Record<string, string> = {
  CN: '2.5.4.3',
  C: '2.5.4.6',
  L: '2.5.4.7',
  S: '2.5.4.8',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  E: '1.2.840.113549.1.9.1',
  EMAIL: '1.2.840.113549.1.9.1',
  SERIALNUMBER: '2.5.4.5',
};

export interface RdnPart {
  key: string;
  value: string;
}

/**
 * Splits "K=V, K=V" at commas that start a new known attribute; a comma that
 * does not (Visual Studio's "CN=WDKTestCert alice,133") stays in the value.
 */
export function parseDistinguishedName(text: string): RdnPart[] {
  const parts: RdnPart[] = [];
  const pieces = text.split(/(?<!\\),/);
  for (const piece of pieces) {
    const m = /^\s*([A-Za-z]+)\s*=(.*)$/.exec(piece);
    if (m && KEYS[m[1]!.toUpperCase()]) parts.push({ key: m[1]!.toUpperCase(), value: m[2]!.trim() });
    else if (parts.length > 0) parts[parts.length - 1]!.value += `,${piece}`;
    else throw new RangeError(`"${text}" is not a distinguished name; use the form CN=Name[, O=Org, C=US]`);
  }
  for (const p of parts) {
    p.value = p.value.replace(/\\,/g, ',').replace(/^"(.*)"$/, '$1');
    if (!p.value) throw new RangeError(`"${text}": ${p.key}= has an empty value`);
  }
  return parts;
}

/** The PrintableString alphabet (X.680 §41.4). */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

export function encodeName(parts: RdnPart[]): Buffer {
  return seq(
    ...parts.map((p) => {
      // As CertStrToName (makecert, Visual Studio) encodes: PrintableString when every
      // character allows it, else a Unicode string; e-mail as IA5String.
      const value = p.key === 'E' || p.key === 'EMAIL' ? ia5(p.value) : PRINTABLE.test(p.value) ? printable(p.value) : bmpString(p.value);
      return set(seq(oid(KEYS[p.key]!), value));
    }),
  );
}
