// devcon's help texts (the sample's msg.mc, latest revision where it differs:
// the sample-code banner, -u, install's <devid>, removeall, and the
// "Recommended Equivalent" pnputil lines). %1 is the program's base name and
// %2 the command, as FormatMessage substitutes them.

const ID_EXAMPLES = [
  'Examples of <id>:',
  ' *              - All devices',
  ' ISAPNP\\PNP0501 - Hardware ID',
  ' *PNP*          - Hardware ID with wildcards  (* matches anything)',
  ' @ISAPNP\\*\\*    - Instance ID with wildcards  (@ prefixes instance ID)',
  " '*PNP0501      - Hardware ID with apostrophe (' prefixes literal match - matches exactly as typed,",
  '                                               including the asterisk.)',
];

const REMOTE_SYNTAX = ['%1 [-m:\\\\<machine>] %2 <id> [<id>...]', '%1 [-m:\\\\<machine>] %2 =<class> [<id>...]'];
const LOCAL_SYNTAX = ['%1 %2 <id> [<id>...]', '%1 %2 =<class> [<id>...]'];
const REBOOT_SYNTAX = ['%1 [-r] %2 <id> [<id>...]', '%1 [-r] %2 =<class> [<id>...]'];

export const HELP_BANNER = [
  '------------------------------------------------------------------------------',
  '|          Devcon is a code sample intended for learning purposes.           |',
  '|      Use PnpUtil for optimal functionality/compatiblity with this OS.      |',
  '------------------------------------------------------------------------------',
  'Device Console Help:',
  '%1 [-r] [-m:\\\\<machine>] <command> [<arg>...]',
  '-r           Reboots the system only when a restart or reboot is required.',
  '-u           Unicode (UTF-16) output',
  '<machine>    Specifies a remote computer.',
  '<command>    Specifies a Devcon command (see command list below).',
  '<arg>...     One or more arguments that modify a command.',
  'For help with a specific command, type: %1 help <command>',
];

export interface HelpEntry {
  name: string;
  short: string;
  /** Long help lines; undefined for `help` itself (prints the general help). */
  long?: string[];
}

/** The dispatch table, in devcon's order (also the order of the short-help list). */
export const HELP: readonly HelpEntry[] = [
  {
    name: 'classfilter',
    short: 'Add, delete, and reorder class filters.',
    long: [
      'Devcon Classfilter Command',
      '',
      'Lists, adds, deletes, and reorders upper and lower filter drivers for a device',
      'setup class. Changes do not take effect until the affected devices are restarted',
      'or the machine is rebooted.',
      '',
      '%1 %2 [-r] <class> {upper | lower} [<operator><filter> [<operator><filter>...]]',
      '<class>      Specifies a device setup class.',
      '<operator>   Specifies an operation (listed below).',
      '<filter>     Specifies a class filter driver.',
      'upper        Identifies an upper filter driver.',
      'lower        Identifies a lower filter driver.',
      '',
      'To list the upper/lower filter drivers for a class, ',
      'type:  devcon classfilter <class> {upper | lower}',
      '',
      'The Devcon classfilter command uses subcommands, which consist of an ',
      'operator (=, @, -, +, !) and a filter driver name.',
      '',
      'The Devcon classfilter command uses a virtual cursor to move through',
      'the list of filter drivers. The cursor starts at the beginning of the ',
      'list (before the first filter). Unless returned to the starting position,',
      'the cursor always moves forward.',
      '',
      'Operators',
      ' =       Move the cursor to the beginning of the filter driver list (before the',
      '         first filter driver).',
      '',
      ' @       Position the cursor on the next instance of the specified filter.',
      '',
      ' -       Add before. Insert the specified filter before the filter on which the cursor',
      '         is positioned. If the cursor is not positioned on a filter, insert the',
      '         new filter at the beginning of the list. When the subcommand completes, the',
      '         cursor is positioned on the newly-added filter.',
      '',
      ' +       Add after. Insert the specified filter after the filter on which the cursor',
      '         is positioned. If the cursor is not positioned on a filter, Devcon inserts the',
      '         new filter at the end of the list. When the subcommand completes, the cursor',
      '         cursor is positioned on the newly-added filter.       ',
      '',
      ' !       Deletes the next occurrence of the specified filter. When the subcommand ',
      '         completes, the cursor occupies the position of the deleted filter. ',
      '         Subsequent - or + subcommands insert a new filter at the cursor position.',
      '',
      '',
      'Examples:',
      'If the upper filters for setup class "foo" are A,B,C,B,D,B,E:',
      "%1 %2 foo upper @D !B    - deletes the third 'B'.",
      "%1 %2 foo upper !B !B !B - deletes all three instances of 'B'.",
      "%1 %2 foo upper =!B =!A  - deletes the first 'B' and the first 'A'.",
      "%1 %2 foo upper !C +CC   - replaces 'C' with 'CC'.",
      "%1 %2 foo upper @D -CC   - inserts 'CC' before 'D'.",
      "%1 %2 foo upper @D +CC   - inserts 'CC' after 'D'.",
      "%1 %2 foo upper -CC      - inserts 'CC' before 'A'.",
      "%1 %2 foo upper +CC      - inserts 'CC' after 'E'.",
      "%1 %2 foo upper @D +X +Y - inserts 'X' after 'D' and 'Y' after 'X'.",
      "%1 %2 foo upper @D -X -Y - inserts 'X' before 'D' and 'Y' before 'X'.",
      "%1 %2 foo upper @D -X +Y - inserts 'X' before 'D' and 'Y' between 'X' and 'D'.",
    ],
  },
  {
    name: 'classes',
    short: 'List all device setup classes.',
    long: [
      'Devcon Classes Command',
      'Lists all device setup classes. Valid on local and remote computers.',
      '%1 [-m:\\\\<machine>] %2',
      '<machine>    Specifies a remote computer.',
      'Class entries have the format <name>: <descr>',
      'where <name> is the class name and <descr> is the class description.',
    ],
  },
  {
    name: 'disable',
    short: 'Disable devices.',
    long: [
      'Devcon Disable Command',
      'Disables devices with the specified hardware or instance ID.',
      'Valid only on the local computer. (To reboot when necesary, Include -r .)',
      ...REBOOT_SYNTAX,
      '-r           Reboots the system only when a restart or reboot is required.',
      '<class>      Specifies a device setup class.',
      ...ID_EXAMPLES,
    ],
  },
  {
    name: 'driverfiles',
    short: 'List installed driver files for devices.',
    long: [
      'Devcon Driverfiles Command',
      'List installed driver files for devices with the specified hardware or',
      'instance ID. Valid only on the local computer.',
      ...LOCAL_SYNTAX,
      '<class>      Specifies a device setup class.',
      ...ID_EXAMPLES,
    ],
  },
  {
    name: 'drivernodes',
    short: 'List driver nodes of devices.',
    long: [
      'Devcon Drivernodes Command',
      'Lists driver nodes for devices with the specified hardware or instance ID.',
      'Valid only on the local computer.',
      ...LOCAL_SYNTAX,
      '<class>      Specifies a device setup class.',
      ...ID_EXAMPLES,
    ],
  },
  {
    name: 'enable',
    short: 'Enable devices.',
    long: [
      'Devcon Enable Command',
      'Enables devices with the specified hardware or instance ID. Valid only on',
      'the local computer. (To reboot when necessary, include -r.)',
      ...REBOOT_SYNTAX,
      '-r           Reboots the system only when a restart or reboot is required.',
      '<class>      Specifies a device setup class.',
      ...ID_EXAMPLES,
    ],
  },
  {
    name: 'find',
    short: 'Find devices.',
    long: [
      'Devcon Find Command',
      'Finds devices with the specified hardware or instance ID. Valid on local and remote computers.',
      ...REMOTE_SYNTAX,
      '<machine>    Specifies a remote computer.',
      '<class>      Specifies a device setup class.',
      ...ID_EXAMPLES,
      'Device entries have the format <instance>: <descr>',
      'where <instance> is the unique instance of the device and <descr> is the device description.',
    ],
  },
  {
    name: 'findall',
    short: 'Find devices, including those that are not currently attached.',
    long: [
      'Devcon Findall Command',
      'Finds devices with the specified hardware or instance ID, including devices',
      'that are not currently attached. Valid on local and remote computers.',
      ...REMOTE_SYNTAX,
      '<machine>    Specifies a remote computer.',
      '<class>      Specifies a device setup class.',
      ...ID_EXAMPLES,
      'Device entries have the format <instance>: <descr>',
      'where <instance> is the unique instance of the device and <descr> is the description.',
    ],
  },
  { name: 'help', short: 'Display Devcon help.' },
  {
    name: 'hwids',
    short: 'List hardware IDs of devices.',
    long: [
      'Devcon Hwids Command',
      'Lists hardware IDs of all devices with the specified hardware or instance ID.',
      'Valid on local and remote computers.',
      ...REMOTE_SYNTAX,
      '<machine>    Specifies a remote computer.',
      '<class>      Specifies a device setup class.',
      ...ID_EXAMPLES,
    ],
  },
  {
    name: 'install',
    short: 'Install a device manually.',
    long: [
      'Devcon Install Command',
      'Installs the specified device manually. Valid only on the local computer.',
      '(To reboot when necesary, Include -r .)',
      '%1 [-r] %2 <inf> <hwid> [<devid>]',
      '<inf>        Specifies an INF file with installation information for the device.',
      '<hwid>       Specifies a hardware ID for the device.',
      '<devid>      Specifies a device ID for the device (optional).',
      '-r           Reboots the system only when a restart or reboot is required.',
      '',
      'Recommended Equivalent: devgen /add /bus ROOT /hardwareid <hwid>',
      '                        pnputil /add-driver <inf> /install',
    ],
  },
  {
    name: 'listclass',
    short: 'List all devices in a setup class.',
    long: [
      'Devcon Listclass Command',
      'Lists all devices in the specified setup classes. Valid on local and remote computers.',
      '%1 [-m:\\\\<machine>] %2 <class> [<class>...]',
      '<machine>    Specifies a remote computer.',
      '<class>      Specifies a device setup class.',
      'Device entries have the format <instance>: <descr>',
      'where <instance> is a unique instance of the device and <descr> is the device description.',
    ],
  },
  { name: 'reboot', short: 'Reboot the local computer.', long: ['%1 %2', 'Reboots the local computer as part of a planned hardware installation.'] },
  {
    name: 'remove',
    short: 'Remove devices.',
    long: [
      'Devcon Remove Command',
      'Removes devices with the specified hardware or instance ID. Valid only on',
      'the local computer. (To reboot when necesary, Include -r .)',
      ...REBOOT_SYNTAX,
      '<class>      Specifies a device setup class.',
      ...ID_EXAMPLES,
      '',
      'Recommended Equivalent: pnputil /remove-device <id>',
    ],
  },
  {
    name: 'removeall',
    short: 'Remove devices, including those that are not currently attached.',
    long: [
      'Devcon Removeall Command',
      'Removes devices with the specified hardware or instance ID, including devices',
      'that are not currently attached. Valid only on the local computer.',
      '(To reboot when necesary, Include -r .)',
      ...REBOOT_SYNTAX,
      '<class>      Specifies a device setup class.',
      ...ID_EXAMPLES,
      '',
      'Recommended Equivalent: pnputil /remove-device <id> ',
    ],
  },
  {
    name: 'rescan',
    short: 'Scan for new hardware.',
    long: [
      'Devcon Rescan Command',
      'Directs Plug and Play to scan for new hardware. Valid on a local or remote computer.',
      '%1 [-m:\\\\<machine>] %2',
      '<machine>    Specifies a remote computer. ',
    ],
  },
  {
    name: 'resources',
    short: 'List hardware resources for devices.',
    long: [
      'Devcon Resources Command',
      'Lists hardware resources of devices with the specified hardware or instance ID.',
      'Valid on local and remote computers.',
      ...REMOTE_SYNTAX,
      '<machine>    Specifies a remote computer. ',
      '<class>      Specifies a device setup class.',
      'Examples of <id>:',
      ...ID_EXAMPLES,
    ],
  },
  {
    name: 'restart',
    short: 'Restart devices.',
    long: [
      'Devcon Restart Command',
      'Restarts devices with the specified hardware or instance ID.',
      'Valid only on the local computer. (To reboot when necesary, Include -r .)',
      ...REBOOT_SYNTAX,
      '<class>      Specifies a device setup class.',
      ...ID_EXAMPLES,
    ],
  },
  {
    name: 'sethwid',
    short: "Modify Hardware ID's of listed root-enumerated devices.",
    long: [
      '%1 [-m:\\\\<machine>] %2 <id> [<id>...] := <subcmds>',
      '%1 [-m:\\\\<machine>] %2 =<class> [<id>...] := <subcmds>',
      "Modifies the hardware ID's of the listed devices. This command will only work for root-enumerated devices.",
      'This command will work for a remote machine.',
      'Examples of <id> are:',
      '*                  - All devices (not recommended)',
      'ISAPNP\\PNP0601     - Hardware ID',
      '*PNP*              - Hardware ID with wildcards (* matches anything)',
      '@ROOT\\*\\*          - Instance ID with wildcards (@ prefixes instance ID)',
      '<class> is a setup class name as obtained from the classes command.',
      '',
      '<subcmds> consists of one or more:',
      '=hwid              - Clear hardware ID list and set it to hwid.',
      '+hwid              - Add or move hardware ID to head of list (better match).',
      '-hwid              - Add or move hardware ID to end of list (worse match).',
      '!hwid              - Remove hardware ID from list.',
      'hwid               - each additional hardware id is inserted after the previous.',
    ],
  },
  {
    name: 'stack',
    short: 'List expected driver stack for devices.',
    long: [
      'Devcon Stack Command',
      'Lists the expected driver stack of devices with the specified hardware',
      "or instance ID. PnP calls each driver's AddDevice routine when building",
      'the device stack. Valid on local and remote computers.',
      ...REMOTE_SYNTAX,
      '<machine>    Specifies a remote computer.',
      '<class>      Specifies a device setup class.',
      ...ID_EXAMPLES,
    ],
  },
  {
    name: 'status',
    short: 'List running status of devices.',
    long: [
      'Devcon Status Command',
      'Lists the running status of devices with the specified hardware or instance ID.',
      'Valid on local and remote computers.',
      ...REMOTE_SYNTAX,
      '<machine>    Specifies a remote computer.',
      '<class>      Specifies a device setup class.',
      ...ID_EXAMPLES,
    ],
  },
  {
    name: 'update',
    short: 'Update a device manually.',
    long: [
      'Devcon Update Command',
      'Updates drivers for all devices with the specified hardware ID (<hwid>).',
      'Valid only on the local computer. (To reboot when necesary, Include -r .)',
      '%1 [-r] %2 <inf> <hwid>',
      '-r           Reboots the system only when a restart or reboot is required.',
      '<inf>        Specifies an INF file with installation information for the devices.',
      '<hwid>       Specifies the hardware ID of the devices.',
      'Recommended Equivalent: pnputil /add-driver <inf> /install',
    ],
  },
  {
    name: 'updateni',
    short: 'Manually update a device (non interactive).',
    long: [
      '%1 [-r] %2 <inf> <hwid>',
      'Update drivers for devices (Non Interactive).',
      'This command will only work for local machine.',
      'Specify -r to reboot automatically if needed.',
      '<inf> is an INF to use to install the device.',
      'All devices that match <hwid> are updated.',
      'Unsigned installs will fail. No UI will be',
      'presented.',
      '',
      'Recommended Equivalent: pnputil /add-driver <inf> /install',
    ],
  },
  {
    name: 'dp_add',
    short: 'Adds (installs) a third-party (OEM) driver package.',
    long: [
      '%1 %2 <inf>',
      'Adds (installs) a third-party (OEM) driver package.',
      'This command will only work on the local machine.',
      '<inf> is a full path to the INF of the Driver',
      'Package that will be installed on this machine.',
    ],
  },
  {
    name: 'dp_delete',
    short: 'Deletes a third-party (OEM) driver package.',
    long: [
      '%1 [-f] %2 <inf>',
      'Deletes a third-party (OEM) driver package.',
      'This command will only work on the local machine.',
      '[-f] will force delete the driver package, even',
      'if it is in use by a device.',
      '<inf> is the name of a published INF on the local',
      'machine.  This is the value returned from dp_add',
      'and dp_enum.',
    ],
  },
  {
    name: 'dp_enum',
    short: 'Lists the third-party (OEM) driver packages installed on this machine.',
    long: [
      '%1 %2',
      'Lists the third-party (OEM) driver packages installed on this machine.',
      'This command will only work on the local machine.',
      'Values returned from dp_enum can be sent to dp_delete ',
      'to be removed from the machine.',
    ],
  },
];

/** Command names devcon accepts (`?` is help without a short-help line). */
export const COMMAND_NAMES: readonly string[] = [...HELP.map((h) => h.name), '?'];

function substitute(lines: readonly string[], base: string, cmd: string): string {
  return lines.map((l) => l.replace(/%1/g, base).replace(/%2/g, cmd)).join('\n') + '\n';
}

function shortList(): string {
  return HELP.map((h) => `${h.name.padEnd(20)} ${h.short}\n\n`).join('');
}

/** `devcon help [<command>]`: long help of a known command, else general help (or "Unknown command.") and the short list. */
export function helpText(base: string, topic?: string): string {
  if (topic === undefined) return substitute(HELP_BANNER, base, '') + shortList();
  const entry = HELP.find((h) => h.name === topic.toLowerCase()) ?? (topic === '?' ? HELP.find((h) => h.name === 'help') : undefined);
  if (!entry) return 'Unknown command.\n' + shortList();
  if (!entry.long) return substitute(HELP_BANNER, base, entry.name) + shortList();
  return substitute(entry.long, base, entry.name);
}

export function usageText(base: string): string {
  return `${base} Usage: ${base} [-r] [-m:\\\\<machine>] <command> [<arg>...]\nFor more information, type: ${base} help\n`;
}

export function commandUsageText(base: string, cmd: string): string {
  return `${base}: Invalid use of ${cmd}.\nFor more information, type: ${base} help ${cmd}\n`;
}

/** MSG_FAILURE ("%1 failed."): the sample passes the command as %2 but the message only prints %1. */
export function failureText(base: string): string {
  return `${base} failed.\n`;
}
