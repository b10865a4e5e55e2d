// The printing floor of a listing (target-scale suite): a node process that writes
// the bytes a listing printed, read from a file, to its stdout, the way wdksim
// writes its output. Its time at N packages minus its time at 1 package is the
// "time to print what they list" allowed on top of 1.3x (docs/performance.md).
import { readFileSync } from 'node:fs';

process.stdout.write(readFileSync(process.argv[2]));
