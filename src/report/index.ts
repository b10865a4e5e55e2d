// The formatters by name (--format NAME).
import { github, githubStream } from './github.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import { text, textStream } from './text.js';
import type { Formatter, StreamFormatter } from './types.js';

export const formatters: Readonly<Record<string, Formatter>> = { stylish, text, json, sarif, github };
/** The line-oriented formats, printable file by file as a long run goes (same text as the formatter). */
export const streamFormatters: Readonly<Record<string, StreamFormatter>> = { text: textStream, github: githubStream };
export type FormatName = 'stylish' | 'text' | 'json' | 'sarif' | 'github';
export * from './types.js';
