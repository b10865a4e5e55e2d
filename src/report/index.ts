// The formatters by name (--format NAME).
import { github } from './github.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import { text } from './text.js';
import type { Formatter } from './types.js';

export const formatters: Readonly<Record<string, Formatter>> = { stylish, text, json, sarif, github };
export type FormatName = 'stylish' | 'text' | 'json' | 'sarif' | 'github';
export * from './types.js';
