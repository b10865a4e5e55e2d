// `wdksim infverif` lowers V8's inlining budget before checking files (src/commands/infverif-batch.ts):
// V8 prints an error for a flag it does not know, so a Node whose V8 dropped it must fail here,
// not write "unrecognized flag" into a user's output.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { INLINE_BUDGET_FLAG } from '../../src/commands/infverif-batch.js';

describe('infverif JIT tuning', () => {
  it("names a flag this Node's V8 knows", () => {
    const name = INLINE_BUDGET_FLAG.replace(/^--/, '').replace(/=.*$/, '');
    const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(options.replace(/_/g, '-')).toContain(`--${name} `);
  });
});
