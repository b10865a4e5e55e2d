// The floor of `target verify` with nothing changed (target-scale suite): a node
// process that does the least any verify trusting sizes and modification times
// must do on the same target: list the driver store and Windows\INF (for
// orphans), then lstat every file the target vouches for, synchronously, as one
// loop. Its time at N packages minus its time at 1 package is what that work
// costs at N; verify's time at 1 package plus it is the floor at N.
// Usage: node bench/stat-peer.mjs TARGET LIST (LIST: one target-relative path per line).
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [root, list] = process.argv.slice(2);
readdirSync(join(root, 'Windows', 'System32', 'DriverStore', 'FileRepository'), { withFileTypes: true });
readdirSync(join(root, 'Windows', 'INF'), { withFileTypes: true });
const base = `${root}/`;
let bytes = 0;
for (const rel of readFileSync(list, 'utf8').split('\n')) if (rel) bytes += lstatSync(base + rel).size;
process.stdout.write(`${bytes}\n`);
