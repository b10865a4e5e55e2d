// The oracle lookup: found only as an executable on PATH; the skip reason names the tool and its install.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli.js';
import { findOnPath, skipReason } from './oracles.js';

describe('oracles', () => {
  it.skipIf(process.platform === 'win32')('finds an executable on PATH, not a plain file or a folder', () => {
    const dir = tempDir();
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    mkdirSync(a);
    mkdirSync(b);
    writeFileSync(join(a, 'osslsigncode'), 'not executable');
    mkdirSync(join(a, 'openssl'));
    writeFileSync(join(b, 'osslsigncode'), '#!/bin/sh\n');
    chmodSync(join(b, 'osslsigncode'), 0o755);
    const env = { PATH: [a, b].join(process.platform === 'win32' ? ';' : ':') };
    expect(findOnPath('osslsigncode', env)).toBe(join(b, 'osslsigncode'));
    expect(findOnPath('openssl', { PATH: a })).toBeUndefined();
    expect(findOnPath('openssl', {})).toBeUndefined();
  });

  it('says which tool is missing and how to install it, on one line', () => {
    for (const name of ['openssl', 'osslsigncode', 'chromium'] as const) {
      const reason = skipReason(name);
      expect(reason).toContain(`${name} not found on PATH`);
      expect(reason).toMatch(/install: .*apt-get install/);
      expect(reason).not.toContain('\n');
    }
  });
});
