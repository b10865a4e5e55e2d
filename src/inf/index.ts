export * from './decode.js';
export * from './lexer.js';
export * from './document.js';
export * from './strings.js';
export * from './dirids.js';
export * from './parse.js';
