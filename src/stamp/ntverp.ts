// The version stampinf falls back to: the product version defined in ntverp.h
// (the folder named by -i). Real headers define it through other macros, e.g.
//   #define VER_PRODUCTVERSION VER_PRODUCTMAJORVERSION,VER_PRODUCTMINORVERSION,VER_PRODUCTBUILD,VER_PRODUCTBUILD_QFE
// so defines are collected and expanded (object-like macros only).

/** Object-like `#define NAME value` lines, comments removed, continuations joined. */
export function collectDefines(text: string): Map<string, string> {
  const defines = new Map<string, string>();
  const joined = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\\\r?\n/g, ' ');
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '');
    const m = /^\s*#\s*define\s+([A-Za-z_]\w*)(?!\()\s*(.*?)\s*$/.exec(line);
    if (m && !defines.has(m[1]!)) defines.set(m[1]!, m[2]!);
  }
  return defines;
}

function expand(value: string, defines: Map<string, string>, depth = 0): string {
  if (depth > 16) return value;
  return value.replace(/[A-Za-z_]\w*/g, (name) => {
    const body = defines.get(name);
    return body === undefined ? name : expand(body, defines, depth + 1);
  });
}

/** A numeric value: decimal or hex, parentheses, casts and integer suffixes removed. */
function numberOf(text: string): number | undefined {
  const t = text
    .replace(/[()]/g, '')
    .trim()
    .replace(/[uUlL]+$/, '');
  if (/^\d+$/.test(t)) return Number(t);
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
  return undefined;
}

/** The product version as "w.x.y.z", or undefined when the header does not define one. */
export function ntverpVersion(text: string): string | undefined {
  const defines = collectDefines(text);
  const product = defines.get('VER_PRODUCTVERSION');
  if (product !== undefined) {
    const parts = expand(product, defines).split(',').map(numberOf);
    if (parts.length >= 1 && parts.length <= 4 && parts.every((p) => p !== undefined)) return parts.join('.');
  }
  const str = defines.get('VER_PRODUCTVERSION_STR');
  if (str !== undefined) {
    const m = /"(\d+(?:\.\d+){0,3})"/.exec(expand(str, defines));
    if (m) return m[1];
  }
  const named = ['VER_PRODUCTMAJORVERSION', 'VER_PRODUCTMINORVERSION', 'VER_PRODUCTBUILD', 'VER_PRODUCTBUILD_QFE'].map((n) =>
    defines.has(n) ? numberOf(expand(defines.get(n)!, defines)) : undefined,
  );
  if (named[0] === undefined || named[1] === undefined) return undefined;
  return named.map((n) => n ?? 0).join('.');
}
