// Preloaded by scripts/golden-run.mjs (node --require): makes a run repeatable by
// giving every generated test certificate one fixed key (the repo's golden test key)
// and drawing "random" bytes (serials, kdnet keys, journal names) from a counter.
// Never used by the tool itself.
const crypto = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { syncBuiltinESMExports } = require('node:module');

const pem = readFileSync(join(__dirname, '..', 'fixtures', 'target', 'golden-test-cert.key.pem'), 'utf8');
const privateKey = crypto.createPrivateKey(pem);
const publicKey = crypto.createPublicKey(privateKey);
crypto.generateKeyPairSync = () => ({ publicKey, privateKey });

// Each command of the run draws from its own sequence (WDKSIM_GOLDEN_SEQ, set by golden-run.mjs):
// were every process to draw the same bytes, two commands would hold the same lock token and
// the second would wait forever for a lock name the first already left behind.
const seq = process.env.WDKSIM_GOLDEN_SEQ ?? '';
let counter = 0;
crypto.randomBytes = (size, callback) => {
  const out = Buffer.alloc(size);
  for (let at = 0; at < size; at += 32) crypto.createHash('sha256').update(`golden-${seq}-${counter++}`).digest().copy(out, at);
  if (typeof callback === 'function') {
    process.nextTick(callback, null, out);
    return undefined;
  }
  return out;
};
Math.random = () => 0.5;
syncBuiltinESMExports();
