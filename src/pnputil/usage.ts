// pnputil's banner and syntax help (modern Windows 11 layout, trimmed to the
// commands wdksim implements).
import { returnTableText } from './returns.js';

export const BANNER = 'Microsoft PnP Utility\n\n';

export const USAGE = `PNPUTIL [/add-driver <...> | /delete-driver <...> |
         /export-driver <...> | /enum-drivers <...> |
         /enum-devices [<...>] | /enum-classes [<...>] |
         /disable-device <...> | /enable-device <...> |
         /restart-device <...> | /remove-device <...> |
         /scan-devices [<...>] | /enum-devicetree [<...>] |
         /enum-interfaces [<...>] | /enum-containers [<...>] | /?]

Commands:

  /add-driver <filename.inf | *.inf> [/subdirs] [/install] [/reboot]

     Add driver package(s) into the driver store.
       /subdirs - traverse sub directories for driver packages.
       /install - install/update drivers on any matching devices.
       /reboot  - reboot system if needed to complete the operation.

  /delete-driver <oem#.inf> [/uninstall] [/force] [/reboot]

     Delete driver package from the driver store.
       /uninstall - uninstall driver package from any devices using it.
       /force     - delete driver package even when it is in use by devices.
       /reboot    - reboot system if needed to complete the operation.

  /export-driver <oem#.inf | *> <target directory>

     Export driver package(s) from the driver store into a target directory.

  /enum-drivers [/class <name | GUID>] [/files]

     Enumerate all 3rd party driver packages in the driver store.
       /class <name | GUID> - filter by driver class name or GUID.
       /files               - enumerate all driver package files.

  /enum-devices [/connected | /disconnected] [/instanceid <instance ID> |
                /deviceid <device ID>] [/class <name | GUID>]
                [/problem [<code>]] [/bus [<name | GUID>]] [/deviceids]
                [/services] [/stack] [/drivers] [/interfaces]

     Enumerate all devices on the system.
       /connected | /disconnected - filter by connected devices or
                                    filter by disconnected devices.
       /instanceid <instance ID>  - filter by device instance ID.
       /deviceid <device ID>      - filter by device hardware and compatible ID.
       /class <name | GUID>       - filter by device class name or GUID.
       /problem [<code>]          - filter by devices with problems or
                                    filter by specific problem code.
       /bus [<name | GUID>]       - display bus enumerator name and bus type GUID or
                                    filter by bus enumerator name or bus type GUID.
       /deviceids                 - display hardware and compatible IDs (/ids on older builds).
       /services                  - display device services.
       /stack                     - display effective device stack information.
       /drivers                   - display matching and installed drivers.
       /interfaces                - display device interfaces.

  /enum-classes [/class <name | GUID>] [/services]

     Enumerate all device classes on the system.
       /class <name | GUID> - filter by class name or GUID.
       /services            - display class filters.

  /disable-device <instance ID> [/reboot] [/force]
  /disable-device /deviceid <device ID> | /class <name | GUID> | /bus <name | GUID>
  /enable-device <instance ID> [/reboot]
  /restart-device <instance ID> [/reboot]
  /remove-device <instance ID> [/subtree] [/reboot] [/force]

     Disable, enable, restart or remove devices on the system.
       /deviceid <device ID> - target all devices with matching device ID.
       /class <name | GUID>  - target all devices in the class.
       /bus <name | GUID>    - target all devices on the bus.
       /subtree              - remove the device subtree as well.
       /reboot               - reboot system if needed to complete the operation.

  /scan-devices [/instanceid <instance ID>] [/async]

     Scan the system for any device hardware changes.

  /enum-devicetree [<root instance ID>] [/connected] [/services] [/stack]
                   [/drivers] [/interfaces]

     Enumerate the device tree.
       <root instance ID> - display the tree starting at this device.
       /connected         - filter by connected devices.
       /services          - display device services.
       /stack             - display effective device stack information.
       /drivers           - display matching and installed drivers.
       /interfaces        - display device interfaces.

  /enum-interfaces [/enabled | /disabled] [/class <GUID>] [/properties]

     Enumerate all device interfaces on the system.
       /enabled | /disabled - filter by enabled interfaces or
                              filter by disabled interfaces.
       /class <GUID>        - filter by interface class GUID.
       /properties          - display all interface properties.

  /enum-containers [/containerid <container ID>] [/connected | /disconnected]
                   [/problem] [/devices] [/format <txt | xml | csv>]
                   [/output-file [<filename>]]

     Enumerate all device containers on the system.
       /containerid <container ID> - filter by container ID.
       /connected | /disconnected  - filter by connected or disconnected containers.
       /problem                    - filter by containers with device problems.
       /devices                    - display container devices.
       /format <txt | xml | csv>   - format the output as text, XML or CSV.
       /output-file [<filename>]   - write the output to a file in the current
                                     directory (default enum-containers.<format>).

  /?

     Show this help.

Legacy commands:

  -a [-i] <filename.inf>  = /add-driver <filename.inf> [/install]
  -d [-f] <oem#.inf>      = /delete-driver <oem#.inf> [/force]
  -e                      = /enum-drivers

Examples:

  pnputil /add-driver x:\\driver.inf /install
  pnputil /add-driver c:\\oem\\*.inf /subdirs
  pnputil /delete-driver oem0.inf /uninstall
  pnputil /enum-devices /instanceid "ROOT\\SAMPLE\\0000" /drivers
  pnputil /disable-device "USB\\VID_045E&PID_00DB\\6&870CE29&0&1"
  pnputil /enum-devicetree ROOT\\SYSTEM\\0000 /drivers
  pnputil /enum-interfaces /class {884b96c3-56ef-11d1-bc8c-00a0c91405dd}
  pnputil /enum-containers /disconnected /devices /format xml /output-file disconnected.xml

wdksim: --json prints one JSON object instead of the text.
`;

export function helpText(): string {
  return BANNER + USAGE + '\n' + returnTableText();
}
