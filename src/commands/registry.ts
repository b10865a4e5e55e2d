// The explicit list of tools. Each loads lazily so `wdksim --version` and a
// one-off `wdksim infverif x.inf` pay only for what they use.
import type { CommandEntry } from './types.js';

export const commands: CommandEntry[] = [
  { name: 'inf', mirrors: '-', summary: 'inf parse FILE [--json]: print the parsed INF document', load: () => import('./inf.js') },
  { name: 'infverif', mirrors: 'InfVerif', summary: 'validate INF files', load: () => import('./infverif.js') },
  { name: 'stampinf', mirrors: 'stampinf', summary: 'stamp DriverVer and $ARCH$/KMDF/UMDF tokens into an INF/INX', load: () => import('./stampinf.js') },
  { name: 'inf2cat', mirrors: 'Inf2Cat', summary: 'check a driver package and write its catalog', load: () => import('./inf2cat.js') },
  { name: 'cert', mirrors: 'makecert', summary: 'cert new: make a code-signing test certificate', load: () => import('./cert.js') },
  { name: 'signtool', mirrors: 'signtool', summary: 'sign and verify catalogs and PE files', load: () => import('./signtool.js') },
  { name: 'catalog', mirrors: 'certutil -dump', summary: 'catalog dump|verify: read a .cat and check a package against it', load: () => import('./catalog.js') },
  {
    name: 'target',
    mirrors: 'VS provisioning, bcdedit, reg',
    summary: 'target init|show|verify|reboot|reg|log|snapshot|diff|report: the simulated machine',
    load: () => import('./target-dispatch.js'),
  },
  { name: 'deploy', mirrors: 'VS deploy', summary: "copy a package to the target's DriverTest\\Drivers", load: () => import('./deploy.js') },
  { name: 'devcon', mirrors: 'devcon', summary: 'device console: install, find, status, remove, dp_add...', load: () => import('./devcon.js') },
  { name: 'pnputil', mirrors: 'pnputil', summary: 'driver store and device utility', load: () => import('./pnputil.js') },
  {
    name: 'infdefaultinstall',
    mirrors: 'InfDefaultInstall',
    summary: "run an INF's [DefaultInstall] on the target (right-click Install)",
    load: () => import('./infdefaultinstall.js'),
  },
  {
    name: 'rundll32',
    mirrors: 'rundll32 setupapi.dll,InstallHinfSection',
    summary: 'run an INF section on the target as InstallHinfSection does',
    load: () => import('./rundll32.js'),
  },
  { name: 'build', mirrors: 'MSBuild (WDK targets)', summary: 'stampinf, inf2cat and signtool from a driver project', load: () => import('./build.js') },
  {
    name: 'demo',
    mirrors: '-',
    summary: 'replay the KmdfHelloWorld tutorial end to end',
    // demo runs the other tools; it is handed this registry's lookup rather than importing it (no file cycle).
    load: async () => {
      const demo = await import('./demo.js');
      return { run: (argv, ctx) => demo.run(argv, ctx, findCommand) };
    },
  },
  { name: 'doctor', mirrors: '-', summary: 'find the known driver-packaging pitfalls in a project', load: () => import('./doctor.js') },
];

export function findCommand(name: string): CommandEntry | undefined {
  const lower = name.toLowerCase();
  return commands.find((c) => c.name === lower);
}
