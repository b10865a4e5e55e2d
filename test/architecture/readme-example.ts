// The README's library example (## Library), verbatim except the import path: `npx tsc
// --noEmit -p .` type-checks it and public-api.test.ts checks it matches the README and runs it.
import { parseInf, validateDocument, stampInf, fixedClock, type LintJsonFile } from '../../src/index.js';

const inx = Buffer.from('[Version]\r\nSignature="$Windows NT$"\r\nClass=System\r\n' +
  'ClassGuid={4d36e97d-e325-11ce-bfc1-08002be10318}\r\nProvider=%Mfg%\r\nDriverVer=\r\n' +
  '[Strings]\r\nMfg="Contoso"\r\n');
const { bytes, driverVer } = stampInf(inx, { date: '*', version: '1.2.3.4' }, fixedClock('2026-03-04T12:00:00Z'));
console.log(driverVer); // 03/04/2026,1.2.3.4

const doc = parseInf(bytes);
const { diagnostics } = validateDocument(doc, { mode: 'w' });
const codes: LintJsonFile['messages'][number]['ruleId'][] = diagnostics.map((d) => d.code);
console.log(doc.section('Version')?.find('DriverVer')?.fields.join(','), codes.includes('1001'));
