// Item expressions in attribute text: `@(Type)`, `@(Type, 'sep')`, transforms
// `@(Inf->'%(CopyOutput)')`, item functions `@(X->Distinct())`, chained
// (learn.microsoft.com/visualstudio/msbuild/item-functions, msbuild-transforms).
import { matchParen, replaceBalanced, splitTop } from './expand.js';
import { applyItemFunction, itemMetadata, type MsbuildItem, type Origin } from './items.js';

export interface ItemExpressionContext {
  items: MsbuildItem[];
  projectDir: string;
  /** Expands $(...) at an element (warning about what it cannot evaluate). */
  expandAt(text: string, origin: Origin): { value: string };
  warn(origin: Origin, text: string): void;
}

/** The item-expression expanders for one evaluation: a whole-list reading and a text reading. */
export function itemExpressions(ctx: ItemExpressionContext) {
  const { items, projectDir, expandAt, warn } = ctx;
  const ofType = (type: string) => items.filter((i) => i.type.toLowerCase() === type.toLowerCase());
  /** Expands @(...) item expressions (transforms, separators, item functions). */
  const expandItemList = (text: string, origin: Origin): MsbuildItem[] | string => {
    if (!text.includes('@(')) return text;
    const trimmed = text.trim();
    if (trimmed.startsWith('@(') && matchParen(trimmed, 1) === trimmed.length - 1) {
      return itemExpression(trimmed.slice(2, -1), origin);
    }
    return replaceBalanced(text, '@(', (body) => {
      const r = itemExpression(body, origin);
      return Array.isArray(r) ? r.map((x) => x.include).join(';') : r;
    });
  };
  const itemExpression = (body: string, origin: Origin): MsbuildItem[] | string => {
    // Type, then ->transform or ->Function(args) steps, then an optional , 'separator'.
    const parts = splitTop(body, '->');
    const first = parts[0]!.trim();
    const sepAt = (s: string) => splitTop(s, ',');
    let separator: string | undefined;
    const last = sepAt(parts[parts.length - 1]!);
    if (last.length > 1) {
      parts[parts.length - 1] = last[0]!;
      separator = unquote(last.slice(1).join(',').trim());
    }
    const typeName = (parts.length === 1 ? parts[0]! : first).trim();
    if (!/^[A-Za-z_][\w.-]*$/.test(typeName)) {
      warn(origin, `@(${body}): not an item expression wdksim can read; it reads as empty`);
      return '';
    }
    let list: MsbuildItem[] = ofType(typeName);
    for (const step of parts.slice(1)) {
      const s = step.trim();
      if (/^['"`]/.test(s)) {
        const template = unquote(s);
        list = list.map((item) => ({ ...item, include: expandAt(itemMetadata(template, item, projectDir), origin).value }));
      } else {
        const fn = /^([A-Za-z_]\w*)\s*\(([\s\S]*)\)$/.exec(s);
        if (!fn) {
          warn(origin, `@(${body}): "${s}" is not an item transform or function wdksim can read; it reads as empty`);
          return '';
        }
        const args = fn[2]!.trim() === '' ? [] : splitTop(fn[2]!, ',').map((a) => expandAt(unquote(a.trim()), origin).value);
        const r = applyItemFunction(fn[1]!, args, list, projectDir);
        if (r === undefined) {
          warn(origin, `@(${body}): the item function ${fn[1]}() is not supported by wdksim; it reads as empty`);
          return '';
        }
        if (typeof r === 'string') return r;
        list = r;
      }
    }
    if (separator !== undefined) return list.map((x) => x.include).join(separator);
    return list;
  };
  const itemsInText = (text: string, origin: Origin) => {
    const r = expandItemList(text, origin);
    return Array.isArray(r) ? r.map((x) => x.include).join(';') : r;
  };
  return { expandItemList, itemsInText, ofType };
}

function unquote(text: string): string {
  const t = text.trim();
  const q = t[0];
  return (q === "'" || q === '"' || q === '`') && t.endsWith(q) && t.length >= 2 ? t.slice(1, -1) : t;
}
