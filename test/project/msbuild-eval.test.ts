// The MSBuild evaluator against MSBuild's documented semantics. Each block
// names the Microsoft Learn page it checks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateProject } from '../../src/project/msbuild.js';
import { readProject } from '../../src/project/index.js';
import { parseXml } from '../../src/project/xml.js';
import { tempDir } from '../helpers/cli.js';

function evaluate(body: string, files: Record<string, string> = {}, env: Record<string, string> = {}) {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const file = join(dir, 'p.vcxproj');
  const text = `<Project>\n${body}\n</Project>`;
  writeFileSync(file, text);
  const ev = evaluateProject(parseXml(text, file), {
    projectFile: file,
    projectDir: dir,
    globalProperties: { Configuration: 'Release', Platform: 'x64' },
    initialProperties: { MSBuildProjectDirectory: dir, MSBuildThisFileDirectory: `${dir}/` },
    env,
  });
  const items = (type: string) => ev.items.filter((i) => i.type === type);
  return { ev, dir, file, items };
}

describe('item-metadata-in-task-batching / msbuild-well-known-item-metadata: %(Identity), %(Filename), %(Extension), custom metadata', () => {
  it("transforms @(Inf->'%(CopyOutput)') take each item's metadata (ItemDefinitionGroup default, then the item's own)", () => {
    const { items } = evaluate(`
  <PropertyGroup><IntDir>obj\\</IntDir></PropertyGroup>
  <ItemDefinitionGroup><Inf><CopyOutput>$(IntDir)%(Filename).inf</CopyOutput><Flavor>plain</Flavor></Inf></ItemDefinitionGroup>
  <ItemGroup>
    <Inf Include="a.inx" />
    <Inf Include="sub\\b.inx"><CopyOutput>$(IntDir)stamped\\%(Filename)%(Extension).inf</CopyOutput></Inf>
    <Inf Include="c.inx" Flavor="attr" />
  </ItemGroup>
  <ItemGroup>
    <FilesToPackage Include="@(Inf->'%(CopyOutput)')" Condition="'@(Inf)'!=''" />
    <Names Include="@(Inf->'%(Identity)|%(Filename)|%(Extension)|%(RelativeDir)|%(Flavor)')" />
  </ItemGroup>`);
    expect(items('FilesToPackage').map((i) => i.include)).toEqual(['obj\\a.inf', 'obj\\stamped\\b.inx.inf', 'obj\\c.inf']);
    expect(items('Names').map((i) => i.include)).toEqual(['a.inx|a|.inx||plain', 'sub\\b.inx|b|.inx|sub\\|plain', 'c.inx|c|.inx||attr']);
  });

  it("@(X, 'sep') joins with the separator; @() in a property condition of an item group", () => {
    const { items } = evaluate(`
  <ItemGroup><Inf Include="a.inx;b.inx" /></ItemGroup>
  <ItemGroup Condition="'@(Inf)' == 'a.inx;b.inx'"><Joined Include="@(Inf->'%(Filename)', '+')" /></ItemGroup>
  <ItemGroup Condition="'@(Nothing)' != ''"><Never Include="x" /></ItemGroup>`);
    expect(items('Joined').map((i) => i.include)).toEqual(['a+b']);
    expect(items('Never')).toEqual([]);
  });

  it("batching on another type's metadata (%(Inf.Ship)) makes one item per Inf that passes", () => {
    const { items } = evaluate(`
  <ItemGroup><Inf Include="a.inx" Ship="true" /><Inf Include="b.inx" Ship="false" /></ItemGroup>
  <ItemGroup><Shipped Include="%(Inf.Filename).inf" Condition="'%(Inf.Ship)' == 'true'" /></ItemGroup>`);
    expect(items('Shipped').map((i) => i.include)).toEqual(['a.inf']);
  });
});

describe('item-functions: ->Distinct(), ->WithMetadataValue(), ->Count(), chained', () => {
  it('filters and de-duplicates as documented (Distinct is case-insensitive on the item spec)', () => {
    const { items } = evaluate(`
  <ItemGroup>
    <Doc Include="README.txt" Ship="true" /><Doc Include="readme.TXT" Ship="true" /><Doc Include="notes.txt" Ship="false" />
  </ItemGroup>
  <ItemGroup>
    <Shipped Include="@(Doc->WithMetadataValue('Ship','true')->Distinct())" />
    <Count Include="@(Doc->Count())" />
    <Unknown Include="@(Doc->Frobnicate())" />
  </ItemGroup>`);
    expect(items('Shipped').map((i) => i.include)).toEqual(['README.txt']);
    expect(items('Shipped')[0]!.metadata.get('ship')).toBe('true'); // metadata travels with the item
    expect(items('Count').map((i) => i.include)).toEqual(['3']);
    expect(items('Unknown')).toEqual([]);
  });
  it('an unknown item function is a warning naming file and line', () => {
    const { ev, file } = evaluate(`  <ItemGroup><Doc Include="a" /></ItemGroup>\n  <ItemGroup><U Include="@(Doc->Frobnicate())" /></ItemGroup>`);
    expect(ev.warnings).toEqual([`${file}(3): @(Doc->Frobnicate()): the item function Frobnicate() is not supported by wdksim; it reads as empty`]);
  });
});

describe('import-element-msbuild: wildcards, conditions, $(MSBuildThisFileDirectory) of the imported file', () => {
  it('imports every match of a wildcard in order; a false condition imports nothing; a wildcard matching nothing is fine', () => {
    const { ev } = evaluate(
      `
  <Import Project="props\\*.props" />
  <Import Project="other\\never.props" Condition="'$(Configuration)' == 'Debug'" />
  <Import Project="none\\*.props" />`,
      {
        'props/a.props': '<Project><PropertyGroup><Order>$(Order)a</Order><Here>$(MSBuildThisFileDirectory)</Here></PropertyGroup></Project>',
        'props/b.props': '<Project><PropertyGroup><Order>$(Order)b</Order></PropertyGroup></Project>',
        'other/never.props': '<Project><PropertyGroup><Order>never</Order></PropertyGroup></Project>',
      },
    );
    expect(ev.get('Order')).toBe('ab');
    expect(ev.get('Here')).toMatch(/\/props\/$/);
    expect(ev.imports.map((f) => f.split('/').pop())).toEqual(['a.props', 'b.props']);
    expect(ev.properties.get('order')!.origin).toMatchObject({ line: 1 });
    expect(ev.properties.get('order')!.origin!.file).toMatch(/b\.props$/);
  });
  it("an Import of a file that does not exist is a warning (MSBuild stops with MSB4019); the SDK's own imports are not", () => {
    const { ev, file } = evaluate('  <Import Project="$(VCTargetsPath)\\Microsoft.Cpp.props" />\n  <Import Project="missing\\DMF.props" />');
    expect(ev.warnings).toEqual([`${file}(3): <Import Project="missing\\DMF.props">: missing\\DMF.props does not exist; MSBuild stops here (MSB4019), wdksim goes on without it`]);
  });
  it("a relative Exists() in an imported file is read from that file's folder (as SystemInformer's Directory.Build.props relies on)", () => {
    const { ev } = evaluate('  <Import Project="deep\\x.props" />', {
      'deep/x.props': '<Project><PropertyGroup Condition="Exists(\'beside.txt\')"><Found>yes</Found></PropertyGroup></Project>',
      'deep/beside.txt': 'x',
    });
    expect(ev.get('Found')).toBe('yes');
  });
});

describe('property-functions + msbuild-properties: environment variables, unsupported constructs', () => {
  it("environment variables are properties; the project's own definition wins", () => {
    const { ev } = evaluate('  <PropertyGroup><Mine>project</Mine><Both>$(FromEnv)+$(Mine)</Both></PropertyGroup>', {}, { FromEnv: 'env', Mine: 'env-mine' });
    expect(ev.get('FromEnv')).toBe('env');
    expect(ev.get('Mine')).toBe('project');
    expect(ev.get('Both')).toBe('env+project');
    expect(ev.properties.get('fromenv')!.source).toBe('environment');
  });
  it('an unsupported function: a warning with file and line, the property marked, conditions false', () => {
    const { ev, file } = evaluate(`  <PropertyGroup>
    <Id>$([System.Guid]::NewGuid())</Id>
  </PropertyGroup>
  <PropertyGroup Condition="$([System.Guid]::NewGuid()) != ''"><Set>yes</Set></PropertyGroup>`);
    expect(ev.warnings[0]).toBe(
      `${file}(3): $([System.Guid]::NewGuid()): [System.Guid]::NewGuid is not a function wdksim evaluates; wdksim cannot evaluate it, so it reads as empty`,
    );
    expect(ev.properties.get('id')!.unsupported).toBe(ev.warnings[0]);
    expect(ev.get('Set')).toBe('');
    expect(ev.warnings[1]).toMatch(/\(5\): <PropertyGroup Condition=.*NewGuid is not a function wdksim evaluates, which wdksim cannot evaluate; treated as false$/);
    expect(ev.warnings).toHaveLength(2);
  });
});

describe('customize-by-directory: Directory.Build.props and Directory.Build.targets', () => {
  const project = `<Project>
  <Import Project="$(VCTargetsPath)\\Microsoft.Cpp.Default.props" />
  <PropertyGroup><ConfigurationType>Driver</ConfigurationType><DriverType>KMDF</DriverType><KMDF_VERSION_MINOR Condition="'$(KMDF_VERSION_MINOR)' == ''">9</KMDF_VERSION_MINOR></PropertyGroup>
  <Import Project="$(VCTargetsPath)\\Microsoft.Cpp.props" />
  <ItemGroup><Inf Include="d.inx" /></ItemGroup>
</Project>`;
  it('the nearest props is imported where Microsoft.Cpp.Default.props is, the targets after the project', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'src', 'd'), { recursive: true });
    writeFileSync(join(dir, 'src', 'd', 'd.vcxproj'), project);
    writeFileSync(join(dir, 'Directory.Build.props'), '<Project><PropertyGroup><KMDF_VERSION_MINOR>31</KMDF_VERSION_MINOR></PropertyGroup></Project>');
    writeFileSync(join(dir, 'Directory.Build.targets'), '<Project><PropertyGroup><PackageDir>$(OutDir)pkg\\</PackageDir></PropertyGroup></Project>');
    const s = readProject(join(dir, 'src', 'd'), { configuration: 'Release', platform: 'x64' });
    expect(s.infs[0]!.stamp.kmdfVersion).toBe('1.31');
    expect(s.packageDir).toBe(join(dir, 'src', 'd', 'x64', 'Release', 'pkg'));
    const minor = s.provenance!.properties.find((p) => p.name === 'KMDF_VERSION_MINOR')!;
    expect(minor).toMatchObject({ value: '31', file: join(dir, 'Directory.Build.props'), line: 1 });
  });
  it('a property that decides the build and cannot be evaluated stops it, naming file, line and construct', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'd.vcxproj'), project.replace('<DriverType>KMDF</DriverType>', '<DriverType>KMDF</DriverType>\n  <OutDir>$([System.Guid]::NewGuid())\\</OutDir>'));
    expect(() => readProject(dir)).toThrow(/d\.vcxproj\(4\): \$\(\[System\.Guid\]::NewGuid\(\)\).*OutDir decides the build/);
  });
});

describe('xml: element lines for warnings', () => {
  it('records the line of each start tag, decodes entities, reports malformed XML with its line', () => {
    const root = parseXml('<?xml version="1.0"?>\n<Project>\n  <!-- c\n -->\n  <A X="&apos;1&apos;">t&amp;u</A>\n  <B><![CDATA[<raw>]]></B>\n</Project>', 'f');
    expect(root.children.map((c) => [c.name, c.line])).toEqual([
      ['A', 5],
      ['B', 6],
    ]);
    expect(root.children[0]!.attrs.X).toBe("'1'");
    expect(root.children[0]!.text).toBe('t&u');
    expect(root.children[1]!.text).toBe('<raw>');
    expect(() => parseXml('<Project>\n<A>\n</Project>')).toThrow(/line 3/);
  });
});

describe("target-build-order: the project's own targets around the driver build are named, not run", () => {
  it('a <Target AfterTargets="StampInf"> whose condition holds is a warning with file, line and its tasks', () => {
    const { ev, file } = evaluate(`  <ItemGroup><Inf Include="a.inx" /></ItemGroup>
  <Target Name="AdjustInf" AfterTargets="StampInf" Condition="'@(Inf)' != ''">
    <Message Text="adjusting" /><Copy SourceFiles="a" DestinationFiles="b" />
  </Target>
  <Target Name="Never" AfterTargets="StampInf" Condition="'@(Nothing)' != ''"><Copy SourceFiles="a" DestinationFiles="b" /></Target>
  <Target Name="Unrelated" AfterTargets="Deploy"><Exec Command="x" /></Target>`);
    expect(ev.warnings).toEqual([
      `${file}(3): <Target Name="AdjustInf"> runs in Visual Studio's build (AfterTargets="StampInf"), with Copy; wdksim runs no custom targets, so what it changes is not in this package`,
    ]);
  });
});

describe('stampinf-task + Visual Studio user macros: %NAME% in a TimeStamp from BuildMacro items set as environment variables', () => {
  it("Dokany's <TimeStamp>%DOKANVersion%.0</TimeStamp> reads the BuildMacro value", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'sys.vcxproj'),
      `<Project>
  <PropertyGroup><ConfigurationType>Driver</ConfigurationType><DOKANVersion>2.3.1</DOKANVersion></PropertyGroup>
  <ItemDefinitionGroup><Inf><TimeStamp>%DOKANVersion%.0</TimeStamp></Inf></ItemDefinitionGroup>
  <ItemGroup><BuildMacro Include="DOKANVersion"><Value>$(DOKANVersion)</Value><EnvironmentVariable>true</EnvironmentVariable></BuildMacro></ItemGroup>
  <ItemGroup><Inf Include="dokan.inf" /></ItemGroup>
</Project>`,
    );
    expect(readProject(dir, { configuration: 'Release', platform: 'x64' }).infs[0]!.stamp.version).toBe('2.3.1.0');
  });
});

describe('package projects: ProjectReference to driver projects (Visual Studio collects their outputs)', () => {
  const driver = (name: string) => `<Project>
  <PropertyGroup><ConfigurationType>Driver</ConfigurationType><DriverType>KMDF</DriverType><TargetName>${name}</TargetName></PropertyGroup>
  <ItemGroup><Inf Include="${name}.inx" /><FilesToPackage Include="$(TargetPath)" /></ItemGroup>
</Project>`;
  const pkg = (refs: string[]) => `<Project>
  <PropertyGroup><ConfigurationType>Utility</ConfigurationType><DriverType>Package</DriverType></PropertyGroup>
  <ItemGroup>${refs.map((r) => `<ProjectReference Include="${r}" />`).join('')}</ItemGroup>
</Project>`;
  it('reads each referenced project with the same configuration and platform; their INFs and files join the package', () => {
    const dir = tempDir();
    for (const n of ['a', 'b']) {
      mkdirSync(join(dir, n));
      writeFileSync(join(dir, n, `${n}.vcxproj`), driver(n));
    }
    mkdirSync(join(dir, 'pkg'));
    writeFileSync(join(dir, 'pkg', 'pkg.vcxproj'), pkg(['..\\a\\a.vcxproj', '..\\b\\b.vcxproj']));
    const s = readProject(join(dir, 'pkg'), { configuration: 'Release', platform: 'x64' });
    expect(s.driverType).toBe('Package');
    expect(s.projectReferences).toEqual([join(dir, 'a', 'a.vcxproj'), join(dir, 'b', 'b.vcxproj')]);
    expect(s.infs.map((i) => [i.source, i.output, i.stamp.kmdfVersion])).toEqual([
      [join(dir, 'a', 'a.inx'), join(dir, 'a', 'x64', 'Release', 'a.inf'), '1.15'],
      [join(dir, 'b', 'b.inx'), join(dir, 'b', 'x64', 'Release', 'b.inf'), '1.15'],
    ]);
    expect(s.filesToPackage).toEqual([join(dir, 'a', 'x64', 'Release', 'a.sys'), join(dir, 'b', 'x64', 'Release', 'b.sys')]);
  });
  it('a reference cycle between package projects is refused, naming the chain', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'p'));
    mkdirSync(join(dir, 'q'));
    writeFileSync(join(dir, 'p', 'p.vcxproj'), pkg(['..\\q\\q.vcxproj']));
    writeFileSync(join(dir, 'q', 'q.vcxproj'), pkg(['..\\p\\p.vcxproj']));
    expect(() => readProject(join(dir, 'p'), { configuration: 'Release', platform: 'x64' })).toThrow(/leads back to .*p\.vcxproj \(p\.vcxproj -> q\.vcxproj\); remove the cycle/);
  });
});
