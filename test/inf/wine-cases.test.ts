// The cases Wine's setupapi parser tests pin (inf-format.md §5); each runs on
// real Windows, so the expected values are Windows'.
import { describe, expect, it } from 'vitest';
import { parseInf } from '../../src/inf/parse.js';

const H = '[Version]\nSignature="$CHICAGO$"\n';
const latin1 = (text: string) => Buffer.from(text, 'latin1');
const codes = (text: string) =>
  parseInf(latin1(text))
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code}@${d.line}`);

function firstTestEntry(text: string, strings = '') {
  const doc = parseInf(latin1(`${H}[Test]\n${text}${strings}`));
  const entry = doc.section('Test')?.entries[0];
  if (!entry) throw new Error('no entry in [Test]');
  return { key: entry.key ?? null, fields: entry.fields };
}

describe('file-level acceptance (W1-W19)', () => {
  it.each([
    ['W1 empty file', '\n', ['1001@0']],
    ['W2 one word', 'abcd\n', ['1001@0']],
    ['W3 [Version] only', '[Version]\n', ['1001@0']],
    ['W3 empty Signature', '[Version]\nSignature=\n', ['1001@2']],
    ['W3 Signature=foo', '[Version]\nSignature=foo\n', ['1001@2']],
    ['W4 lower case', '[version]\nsignature=$chicago$', []],
    ['W4 upper case', '[VERSION]\nSIGNATURE=$CHICAGO$', []],
    ['W5 extra fields', '[Version]\nSignature=$chicago$,abcd', []],
    ['W6 split [Version]', '[Version]\nabc=def\n[Version]\nSignature=$chicago$', []],
    ['W7 [Version] not first', `[abc]\n${H}`, []],
    ['W8 garbage line 1', `abc\n${H}`, ['1002@1']],
    ['W9 garbage after comments', `;\n;\nabc\n${H}`, ['1002@3']],
    ['W9 two garbage lines', `;\n;\nab\nab\n${H}`, ['1002@3']],
    ['W10 comments only', `;aa\n;bb\n${H}`, []],
    ['W11 garbage before [abc]', `garbage1\ngarbage2\n[abc]\n${H}`, ['1002@1']],
    ['W12 [Strings] excuses garbage', `garbage1\ngarbage2\n[Strings]\n${H}`, []],
    ['W12 [Strings] at end', `garbage1\ngarbage2\n${H}[Strings]\n`, []],
    ['W13 comment counted', `;comment\ngarbage1\ngarbage2\n[abc]\n${H}`, ['1002@2']],
    ['W13 blank counted', ` \t\ngarbage1\ngarbage2\n[abc]\n${H}`, ['1002@2']],
    ['W14 empty section name', `${H}[]\n`, []],
    ['W14 lone ]', `${H}]\n`, []],
    ['W15 255 chars', `${H}[${'a'.repeat(255)}]`, []],
    ['W16 256 chars', `${H}[${'a'.repeat(256)}]`, ['1002@3']],
    ['W17 unclosed header', `${H}[ab\n`, ['1002@3']],
    ['W18 Ctrl-Z in header', `${H}\n\n[ab\x1a]\n`, ['1002@5']],
    ['W19 NUL in header', `${H} [TestSection\x00]\n`, []],
    ['W19 NUL inside name', `${H} [Test\x00Section]\n`, []],
  ])('%s', (_name, text, expected) => {
    expect(codes(text)).toEqual(expected);
  });
});

describe('section names (W20-W30)', () => {
  const has = (text: string, name: string) => parseInf(latin1(H + text)).has(name);
  it('W20 header without final LF', () => expect(has('[TestSection]', 'TestSection')).toBe(true));
  it('W21 case-insensitive', () => {
    expect(has('[TESTSECTION]\n', 'TestSection')).toBe(true);
    expect(has('[TestSection]\n[abc]', 'testsection')).toBe(true);
  });
  it('W22 commented header', () => expect(has(';[TestSection]\n', 'TestSection')).toBe(false));
  it('W23 other name', () => expect(has('[TestSection]\n', 'Bad name')).toBe(false));
  it.each(['[TestSection]   \n', '   [TestSection]\n', '   [TestSection]   dummy\n', '   [TestSection]   [foo]\n'])('W24 %j', (text) => {
    const doc = parseInf(latin1(H + text));
    expect(doc.has('TestSection')).toBe(true);
    expect(doc.has('foo')).toBe(false);
  });
  it('W25 no trimming inside brackets', () => {
    const doc = parseInf(latin1(`${H} [  Test Section  ] dummy\n`));
    expect(doc.has('Test Section')).toBe(false);
    expect(doc.has('  Test Section  ')).toBe(true);
  });
  it.each(['[TestSection] \x1a\ndummy', '[TestSection] \n\x1adummy'])('W26 Ctrl-Z ends the file %j', (text) => {
    const doc = parseInf(latin1(H + text));
    expect(doc.has('TestSection')).toBe(true);
    expect(doc.section('TestSection')!.entries).toHaveLength(0);
  });
  it.each([
    ['[Test[Section]', 'Test[Section'],
    ['[Test[S]ection]', 'Test[S'],
    ['[Test[[[Section]', 'Test[[[Section'],
    ['[[[]', '[['],
    ['[]', ''],
    ['[Test"Section]', 'Test"Section'],
    ['[Test\\Section]', 'Test\\Section'],
    ['[Test\\ Section]', 'Test\\ Section'],
    ['[Test;Section]', 'Test;Section'],
    [' [Test\r\b\tSection] ', 'Test\r\b\tSection'],
  ])('W27-W29 %j is named %j', (text, name) => {
    const doc = parseInf(latin1(`${H}${text}\n`));
    expect(doc.sections.map((s) => s.name)).toContain(name);
  });
  it('W30 enumerates sections, empty ones included', () => {
    const doc = parseInf(latin1(`${H}[s1]\nfoo=bar\n[s2]\nbar=foo\n[s3]\n[strings]\na=b\n`));
    expect(doc.sections.map((s) => s.name)).toEqual(['Version', 's1', 's2', 's3', 'strings']);
  });
});

describe('keys and fields (W31-W70)', () => {
  it.each([
    ['W31', 'ab=cd', 'ab', ['cd']],
    ['W32', 'ab=cd,ef,gh,ij', 'ab', ['cd', 'ef', 'gh', 'ij']],
    ['W33', 'ab', 'ab', ['ab']],
    ['W34', 'ab,cd', null, ['ab', 'cd']],
    ['W35', 'ab,cd=ef', null, ['ab', 'cd=ef']],
    ['W36', '=abcd,ef', '', ['abcd', 'ef']],
    ['W37', 'ba\\\ncd=ef', 'bacd', ['ef']],
    ['W38', 'ab  \\  \ncd=ef', 'abcd', ['ef']],
    ['W39', 'ab\\\ncd,ef', null, ['abcd', 'ef']],
    ['W40', 'ab  \\ ;cc\ncd=ef', 'abcd', ['ef']],
    ['W41', 'ab \\ \\ \ncd=ef', 'abcd', ['ef']],
    ['W42', 'ba \\ dc=xx', 'ba \\ dc', ['xx']],
    ['W43', 'ba \\\\ \nc=d', 'bac', ['d']],
    ['W44', 'a=b\\\\c', 'a', ['b\\\\c']],
    ['W45', 'ab=cd \\ ', 'ab', ['cd']],
    ['W46', 'ba=c \\\n \\\n a', 'ba', ['ca']],
    ['W47', 'ba=c \\\n \\ a', 'ba', ['c\\ a']],
    ['W48', '  \\ a= \\ b', '\\ a', ['\\ b']],
    ['W49', 'Ab"Cd"=Ef', 'AbCd', ['Ef']],
    ['W50', 'Ab"Cd=Ef"', 'AbCd=Ef', ['AbCd=Ef']],
    ['W51', 'ab"""cd,ef=gh"', 'ab"cd,ef=gh', ['ab"cd,ef=gh']],
    ['W52', 'ab""cd=ef', 'abcd', ['ef']],
    ['W52b', 'ab""cd=ef,gh', 'abcd', ['ef', 'gh']],
    ['W53', 'ab=cd""ef', 'ab', ['cdef']],
    ['W54', 'ab=cd","ef', 'ab', ['cd,ef']],
    ['W54b', 'ab=cd",ef', 'ab', ['cd,ef']],
    ['W55', 'ab=cd",ef\\\nab', 'ab', ['cd,ef\\']],
    ['W56', "HKLM,A,B,'C',D", null, ['HKLM', 'A', 'B', "'C'", 'D']],
    ['W57', ' a b = c , d \n', 'a b', ['c', 'd']],
    ['W58', ' a b = c ," d" \n', 'a b', ['c', ' d']],
    ['W59', ' a b\r = c\r\n', 'a b', ['c']],
    ['W60', 'a=b,,,c,,,d', 'a', ['b', '', '', 'c', '', '', 'd']],
    ['W61', 'a=b,"",c," ",d', 'a', ['b', '', 'c', ' ', 'd']],
    ['W62', '=,,b', '', ['', '', 'b']],
    ['W63', ',=,,b', null, ['', '=', '', 'b']],
    ['W64', 'a=\n', 'a', ['']],
    ['W64b', '=', '', ['']],
    ['W65', 'ab=c\x1ad', 'ab', ['c']],
    ['W66', 'ab\x1a=cd', 'ab', ['ab']],
    ['W67', 'abcd=ef\x00gh', 'abcd', ['ef gh']],
    ['trailing comma', 'Key=Field1,', 'Key', ['Field1', '']],
    ['a=b=c', 'a=b=c', 'a', ['b=c']],
    ['quoted backslash then continuation', 'CopyFiles = "SomeDirectory\\"\\\n,SomeFile', 'CopyFiles', ['SomeDirectory\\', 'SomeFile']],
    ['comment eats the rest', 'CopyFiles = "SomeDirectory\\" ; c ,SomeFile', 'CopyFiles', ['SomeDirectory\\']],
    ['quoted semicolon', 'Desc="Fast; cheap"', 'Desc', ['Fast; cheap']],
  ])('%s: %j', (_name, text, key, fields) => {
    expect(firstTestEntry(text)).toEqual({ key, fields });
  });

  it('a backslash inside a comment does not continue (avscan.inf line 52)', () => {
    const doc = parseInf(latin1(`${H}[Svc]\nServiceBinary=%13%\\x.sys ;c:\\path\\\nStartType=3\n`));
    expect(doc.section('Svc')!.entries.map((e) => e.rawKey)).toEqual(['ServiceBinary', 'StartType']);
  });
  it('an unquoted trailing backslash joins the next line', () => {
    expect(firstTestEntry('x=C:\\dir\\\ny=1')).toEqual({ key: 'x', fields: ['C:\\diry=1'] });
  });
  it.each([
    ['W68', 'foo=%bar%\n', '[Strings]\nbar=bbb\x00\n', ['bbb']],
    ['W68b', 'foo=%bar%\n', '[Strings]\nbar=bbb \x00\n', ['bbb']],
    ['W69', 'foo=%bar%\n', '[Strings]\nbar=aaa\x00bbb \x00\n', ['aaa bbb']],
  ])('%s NUL becomes a blank', (_name, text, strings, fields) => {
    expect(firstTestEntry(text, strings)).toEqual({ key: 'foo', fields });
  });
  it('W70 duplicate sections merge in file order', () => {
    const doc = parseInf(latin1(`${H}[Test]\n[Test2]\nab\n[Test]\nee=ff\n`));
    const test = doc.section('Test')!;
    expect(test.entries.map((e) => [e.key, e.fields])).toEqual([['ee', ['ff']]]);
    expect(test.headers.map((h) => h.line)).toEqual([3, 6]);
  });
});

describe('substitution (W71-W86)', () => {
  const STRINGS = `[Strings]\nfoo=aaa\nbar=bbb\nloop=%loop2%\nloop2=%loop%\nper%%cent=abcd\nper=1\ncent=2\n22=foo\nbig=${'a'.repeat(400)}\nmydrive="C:\\"\nverybig=${'a'.repeat(1200)}\n`;
  const entry = (text: string) => firstTestEntry(`${text}\n`, STRINGS);
  it.each([
    ['W71', '%foo%=%bar%', 'aaa', ['bbb']],
    ['W72', '%foo%xx=%bar%yy', 'aaaxx', ['bbbyy']],
    ['W73', '%% %foo%=%bar%', '% aaa', ['bbb']],
    ['W74', '%f"o"o%=ccc', 'aaa', ['ccc']],
    ['W75', 'abc=%bar;bla%', 'abc', ['%bar']],
    ['W76', 'loop=%loop%', 'loop', ['%loop2%']],
    ['W77', '%per%%cent%=100', '12', ['100']],
    ['W78', 'a=%big%', 'a', ['a'.repeat(400)]],
    ['W79', 'a=%verybig%', 'a', ['a'.repeat(1200)]],
    ['W80 4x', `a=${'%big%'.repeat(4)}`, 'a', ['a'.repeat(1600)]],
    ['W80 9x', `a=${'%big%'.repeat(9)}`, 'a', ['a'.repeat(3600)]],
    ['W81 truncated at 4096', `a=${'%big%'.repeat(11)}`, 'a', ['a'.repeat(4096)]],
    ['W82 DIRID 24', 'ab="%24%"', 'ab', ['C:\\']],
    ['W82 string', 'ab="%mydrive%"', 'ab', ['C:\\']],
    ['W83 DIRID backslash collapses', 'ab="%24%\\fred"', 'ab', ['C:\\fred']],
    ['W84 string backslash kept', 'ab="%mydrive%\\fred"', 'ab', ['C:\\\\fred']],
    ['W85 only one collapses', 'ab="%24%\\\\fred"', 'ab', ['C:\\\\fred']],
    ['W86 plain double backslash', 'ab=C:\\\\FRED', 'ab', ['C:\\\\FRED']],
    ['%% escapes', 'v="%%SystemRoot%%\\System32\\IoLogMsg.dll"', 'v', ['%SystemRoot%\\System32\\IoLogMsg.dll']],
    ['"" inside quotes', 'v="Display an ""example"" string"', 'v', ['Display an "example" string']],
    ['unknown token stays', 'v=%nothere%\\x', 'v', ['%nothere%\\x']],
    ['DIRID 0 and -1 are empty', 'v=%0%|%-1%|%65535%', 'v', ['||']],
    ['DIRIDs 10 11 12', 'v=%10%,%11%,%12%', 'v', ['C:\\Windows', 'C:\\Windows\\System32', 'C:\\Windows\\System32\\drivers']],
    ['unknown DIRID below 16384', 'v=%40%', 'v', ['C:\\Windows\\System32\\unknown']],
    ['hex is not a DIRID', 'v=%0x0B%', 'v', ['%0x0B%']],
    ['a [Strings] key that is a number wins over the DIRID', 'v=%22%', 'v', ['foo']],
  ])('%s: %j', (_name, text, key, fields) => {
    expect(entry(text)).toEqual({ key, fields });
  });
});

describe('field limits (W87-W88)', () => {
  it('a raw field of 4097 characters reads back as 4096, with a warning', () => {
    const doc = parseInf(latin1(`${H}[FileBranchInfo]\nRTMQFE="%RTMGFE_NAME%",SP1RTM,${'a'.repeat(4097)}\n[Strings]\nRTMQFE_NAME=x\n`));
    const e = doc.section('FileBranchInfo')!.entries[0]!;
    expect(e.rawKey).toBe('RTMQFE');
    expect(e.rawFields.slice(0, 2)).toEqual(['%RTMGFE_NAME%', 'SP1RTM']);
    expect(e.rawFields[2]).toHaveLength(4096);
    expect(e.rawFields).toHaveLength(3);
    expect(doc.diagnostics.map((d) => d.code)).toContain('9003');
  });
});
