// The peer of `wdksim infverif DIR` in bench/infverif-dir.bench.mjs: the `ini`
// package parsing the same files in one process, as a generic INI reader
// would: walk the directory for *.inf/*.inx in name order, read each file,
// decode it (UTF-16LE with its BOM, else Latin-1) and ini.parse it.
// Usage: node bench/ini-peer.mjs DIR (prints the file and section counts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ini from 'ini';

let files = 0;
let sections = 0;
const stack = [process.argv[2]];
while (stack.length > 0) {
  const dir = stack.pop();
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) stack.push(path);
    else if (e.isFile() && /\.in[fx]$/i.test(e.name)) {
      const bytes = readFileSync(path);
      const text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.toString('utf16le', 2) : bytes.toString('latin1');
      sections += Object.keys(ini.parse(text)).length;
      files++;
    }
  }
}
process.stdout.write(`${files} files, ${sections} sections\n`);
