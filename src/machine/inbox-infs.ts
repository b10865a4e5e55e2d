// The system INFs (%SystemRoot%\INF) that third-party packages pull in with
// `Include=` / `Needs=`: modelled here with the sections real packages name,
// so that a Needs'ed section runs as it does on Windows (mf.inf gives a
// multifunction device the `mf` service, wudfrd.inf makes WUDFRd the function
// driver of a UMDF device, winusb.inf makes WinUsb that of a WinUSB device).
// Only the sections packages use are modelled; a Needs'ed section that is not
// here is logged and skipped (docs/target.md lists them and how to add one).
// Files these sections copy are inbox files: they are already on the machine.
import { parseInf } from '../inf/parse.js';
import type { InfDocument } from '../inf/document.js';
import { SETUP_CLASSES } from '../inf/classes.js';

/** The class GUID from the one setup-class table. */
const guidOf = (cls: string): string => SETUP_CLASSES.find((c) => c.name.toLowerCase() === cls.toLowerCase())!.guid;
const VERSION = (cls: string) => `[Version]\nSignature="$WINDOWS NT$"\nClass=${cls}\nClassGuid=${guidOf(cls)}\nProvider=%MSFT%\nDriverVer=06/21/2006,10.0.22621.1\n`;
const STRINGS = (more: string) => `\n[Strings]\nMSFT="Microsoft"\n${more}`;

/** INF name (lower case) → text. */
const TEXTS: Record<string, string> = {
  'mf.inf': `${VERSION('MultiFunction')}
[MFINSTALL.mf]

[MFINSTALL.mf.HW]

[MFINSTALL.mf.Services]
AddService = mf, 0x00000002, MF_Service_Inst

[MF_Service_Inst]
DisplayName    = %MF.SvcDesc%
ServiceType    = 1
StartType      = 3
ErrorControl   = 1
ServiceBinary  = %12%\\mf.sys
LoadOrderGroup = Extended Base
${STRINGS('MF.SvcDesc="Microsoft Legacy Multifunction Driver"\n')}`,

  'wudfrd.inf': `${VERSION('System')}
[WUDFRD.NT]

[WUDFRD.NT.HW]

[WUDFRD.NT.Services]
AddService = WUDFRd, 0x000001fa, WUDFRD_ServiceInstall

[WUDFRD_LowerFilter.NT]

[WUDFRD_LowerFilter.NT.HW]
AddReg = WUDFRD_LowerFilter_AddReg

[WUDFRD_LowerFilter_AddReg]
HKR,,"LowerFilters",0x00010008,"WUDFRd"

[WUDFRD_LowerFilter.NT.Services]
AddService = WUDFRd, 0x000001f8, WUDFRD_ServiceInstall

[WUDFRD_UpperFilter.NT]

[WUDFRD_UpperFilter.NT.HW]
AddReg = WUDFRD_UpperFilter_AddReg

[WUDFRD_UpperFilter_AddReg]
HKR,,"UpperFilters",0x00010008,"WUDFRd"

[WUDFRD_UpperFilter.NT.Services]
AddService = WUDFRd, 0x000001f8, WUDFRD_ServiceInstall

[WUDFRD_ServiceInstall]
DisplayName    = %WudfRdDisplayName%
ServiceType    = 1
StartType      = 3
ErrorControl   = 1
ServiceBinary  = %12%\\WUDFRd.sys
LoadOrderGroup = Base
${STRINGS('WudfRdDisplayName="Windows Driver Foundation - User-mode Driver Framework Reflector"\n')}`,

  'winusb.inf': `${VERSION('USBDevice')}
[WINUSB.NT]

[WINUSB.NT.HW]

[WINUSB.NT.Services]
AddService = WinUsb, 0x00000002, WINUSB.AddService

[WINUSB.AddService]
DisplayName    = %WINUSB_SvcName%
ServiceType    = 1
StartType      = 3
ErrorControl   = 1
ServiceBinary  = %12%\\WinUSB.SYS
${STRINGS('WINUSB_SvcName="WinUsb Driver"\n')}`,

  'machine.inf': `${VERSION('System')}
[NO_DRV]

[NO_DRV.Services]
AddService = , 0x00000002

[PCI_DRV_ROOT]

[PCI_DRV_ROOT.Services]
AddService = pci, 0x00000002, pci_ServiceInstallSection

[pci_ServiceInstallSection]
DisplayName    = %pci_svcdesc%
ServiceType    = 1
StartType      = 0
ErrorControl   = 3
ServiceBinary  = %12%\\pci.sys
LoadOrderGroup = Boot Bus Extender
${STRINGS('pci_svcdesc="PCI Bus Driver"\n')}`,

  'pci.inf': `${VERSION('System')}
[PciD3ColdSupported.HW]
AddReg = PciD3ColdSupported_AddReg

[PciD3ColdSupported_AddReg]
HKR,,D3ColdSupported,0x00010001,1

[PciASPMOptOut.HW]
AddReg = PciASPMOptOut_AddReg

[PciASPMOptOut_AddReg]
HKR,,ASPMOptOut,0x00010001,1
${STRINGS('')}`,

  'keyboard.inf': `${VERSION('Keyboard')}
[STANDARD_Inst]

[STANDARD_Inst.HW]

[STANDARD_Inst.Services]
AddService = i8042prt, 0x00000002, i8042prt_Service_Inst

[HID_Keyboard_Inst.NT]

[HID_Keyboard_Inst.NT.HW]

[HID_Keyboard_Inst.NT.Services]
AddService = kbdhid, 0x00000002, kbdhid_Service_Inst

[i8042prt_Service_Inst]
DisplayName    = %i8042prt.SvcDesc%
ServiceType    = 1
StartType      = 3
ErrorControl   = 1
ServiceBinary  = %12%\\i8042prt.sys
LoadOrderGroup = Keyboard Port

[kbdhid_Service_Inst]
DisplayName    = %kbdhid.SvcDesc%
ServiceType    = 1
StartType      = 3
ErrorControl   = 1
ServiceBinary  = %12%\\kbdhid.sys
LoadOrderGroup = Keyboard Port
${STRINGS('i8042prt.SvcDesc="i8042 Keyboard and PS/2 Mouse Port Driver"\nkbdhid.SvcDesc="Keyboard HID Driver"\n')}`,

  'msmouse.inf': `${VERSION('Mouse')}
[PS2_Inst]

[PS2_Inst.HW]

[PS2_Inst.Services]
AddService = i8042prt, 0x00000002, i8042prt_Service_Inst

[HID_Mouse_Inst.NT]

[HID_Mouse_Inst.NT.HW]

[HID_Mouse_Inst.NT.Services]
AddService = mouhid, 0x00000002, MouHid_Service_Inst

[i8042prt_Service_Inst]
DisplayName    = %i8042prt.SvcDesc%
ServiceType    = 1
StartType      = 3
ErrorControl   = 1
ServiceBinary  = %12%\\i8042prt.sys
LoadOrderGroup = Keyboard Port

[MouHid_Service_Inst]
DisplayName    = %mouhid.SvcDesc%
ServiceType    = 1
StartType      = 3
ErrorControl   = 1
ServiceBinary  = %12%\\mouhid.sys
LoadOrderGroup = Pointer Port
${STRINGS('i8042prt.SvcDesc="i8042 Keyboard and PS/2 Mouse Port Driver"\nmouhid.SvcDesc="Mouse HID Driver"\n')}`,

  'input.inf': `${VERSION('HIDClass')}
[HID_Inst.NT]

[HID_Inst.NT.HW]

[HID_Inst.NT.Services]
AddService = HidUsb, 0x00000002, HID_Service_Inst

[MsHidUmdf.NT]

[MsHidUmdf.NT.HW]

[MsHidUmdf.NT.Services]
AddService = mshidumdf, 0x00000002, MsHidUmdf_Service_Inst

[HID_Service_Inst]
DisplayName    = %HID.SvcDesc%
ServiceType    = 1
StartType      = 3
ErrorControl   = 1
ServiceBinary  = %12%\\hidusb.sys

[MsHidUmdf_Service_Inst]
DisplayName    = %MsHidUmdf.SvcDesc%
ServiceType    = 1
StartType      = 3
ErrorControl   = 1
ServiceBinary  = %12%\\mshidumdf.sys
LoadOrderGroup = PNP Filter
${STRINGS('HID.SvcDesc="Microsoft HID Class Driver"\nMsHidUmdf.SvcDesc="Pass-through HID to UMDF Driver"\n')}`,

  'netvwifimp.inf': `${VERSION('Net')}
[vwifimp.ndi]
Characteristics    = 0x1
*IfType            = 71
*MediaType         = 16
*PhysicalMediaType = 9
AddReg             = vwifimp.reg

[vwifimp.reg]
HKR, Ndi,            Service,    0, "vwifimp"
HKR, Ndi\\Interfaces, UpperRange, 0, "ndis5"
HKR, Ndi\\Interfaces, LowerRange, 0, "wlan,ethernet,vwifi"

[vwifimp.ndi.Services]
AddService = vwifimp, 0x00000002, vwifimp.Service

[vwifimp.Service]
DisplayName    = %vwifimp.Service.DispName%
ServiceType    = 1
StartType      = 3
ErrorControl   = 1
ServiceBinary  = %12%\\vwifimp.sys
LoadOrderGroup = NDIS
${STRINGS('vwifimp.Service.DispName="Virtual WiFi Filter Driver"\n')}`,
};

const parsed = new Map<string, InfDocument>();

/** The modelled system INF of that name (case-insensitive), parsed; undefined when wdksim does not model it. */
export function inboxInf(name: string): InfDocument | undefined {
  const key = name.trim().toLowerCase();
  const text = TEXTS[key];
  if (text === undefined) return undefined;
  let doc = parsed.get(key);
  if (!doc) {
    doc = parseInf(text.replace(/\n/g, '\r\n'), { file: key });
    parsed.set(key, doc);
  }
  return doc;
}

/** Names of the modelled system INFs (docs and tests). */
export const MODELLED_INBOX_INFS: readonly string[] = Object.keys(TEXTS);
