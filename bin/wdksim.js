#!/usr/bin/env node
// Launcher only: everything lives in the built CLI.
import { main } from '../dist/cli.js';

main().catch((error) => {
  process.stderr.write(`wdksim: internal error: ${error && error.message ? error.message : String(error)}\n`);
  if (!process.exitCode) process.exitCode = 2;
});
