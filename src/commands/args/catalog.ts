// `wdksim catalog dump|verify` arguments (commander; see ./gnu.ts).
import { UsageError } from '../../errors.js';
import { exitCodeTables } from '../../exit-codes.js';
import { gnuProgram, nonEmpty, parseGnu } from './gnu.js';

const DUMP = `Lists the catalog: version, effective date, catalog attributes (OS, HWIDn), every member
(tag, file name, hash algorithm and digest, PE or flat, OSAttr) and the signer's subject and validity`;
const VERIFY = `Checks the catalog's signature (content and signer's signature intact; trust is signtool
verify's question), re-hashes the files of the package folder DIR (and its subfolders) and reports
each member as matching (by digest, whatever the file's name), mismatching or missing, and each
package file the catalog does not list as extra (catalogs and certificate files: .cat, .cer, .crt,
.pfx, .p12, .pem, .pvk, .spc are skipped)`;

function subProgram(sub: 'dump' | 'verify') {
  return (
    gnuProgram(`wdksim catalog ${sub}`)
      .description(`${sub === 'dump' ? DUMP : VERIFY}.`)
      .argument('[file.cat]', 'the catalog') // optional here: catalog.ts names what is missing
      // dump takes --package too, to say that it belongs to verify.
      .option(
        '--package <dir>',
        sub === 'verify' ? 'the package folder to check against the catalog' : 'only for catalog verify',
        nonEmpty(() => 'catalog verify: --package needs a folder', '--package'),
      )
      .option('--json', 'print the result as JSON')
      .addHelpText('after', `\n${exitCodeTables.catalog}`)
  );
}

function topProgram() {
  const top = gnuProgram('wdksim catalog')
    .usage('dump|verify FILE.cat [options]')
    .helpCommand(false)
    .description('What is inside a catalog (readable like certutil -dump), and whether a package folder still matches it.');
  top.command('dump').usage('FILE.cat [--json]').summary('list the catalog: attributes, members and their hashes, signer');
  top
    .command('verify')
    .usage('FILE.cat --package DIR [--json]')
    .summary('check the signature, re-hash a package folder, report each member as matching, mismatching, missing or extra');
  return top.addHelpText('after', `\n"wdksim catalog dump --help" and "wdksim catalog verify --help" say more.\n\n${exitCodeTables.catalog}`);
}

export function catalogHelp(): string {
  return (parseGnu(topProgram(), ['--help'], { unknown: String, missing: String }) as { help: string }).help;
}

/** The arguments after `dump` or `verify`; the help text instead for -h/--help. */
export function parseCatalogArgs(sub: 'dump' | 'verify', argv: readonly string[]): { file?: string; pkg?: string; json: boolean } | { help: string } {
  const parsed = parseGnu(subProgram(sub), argv, {
    unknown: (arg) => `catalog: unknown option "${arg}"; run "wdksim catalog --help"`,
    missing: () => 'catalog verify: --package needs a folder',
    other: (text) => `catalog ${sub}: ${text}; run "wdksim catalog --help"`,
  });
  if (parsed.help !== undefined) return { help: parsed.help };
  const [file, second] = parsed.args;
  if (second !== undefined) throw new UsageError(`catalog: unexpected argument "${second}"; give one catalog file`);
  const o = parsed.opts as { package?: string; json?: boolean };
  return { json: Boolean(o.json), ...(file !== undefined ? { file } : {}), ...(o.package !== undefined ? { pkg: o.package } : {}) };
}
