// InfVerif /h: the registry locations outside HKR its WHQL rule set still allows
// ("Current Requirements as of April 2024", learn.microsoft.com devtest/infverif_h).
// A key or value under one of them is not a 1320/1321 finding in /h.
const HKLM_ALLOWED = [
  'SYSTEM\\CurrentControlSet',
  'SOFTWARE\\Classes',
  'SOFTWARE\\Khronos',
  'SOFTWARE\\Microsoft\\Analog\\Providers',
  'SOFTWARE\\Microsoft\\Cellular\\MVSettings\\DeviceSpecific\\CellUX',
  'SOFTWARE\\Microsoft\\Cryptography\\Calais\\Readers',
  'SOFTWARE\\Microsoft\\Cryptography\\Calais\\SmartCards',
  'SOFTWARE\\Microsoft\\Cryptography\\DRM_RNG',
  'SOFTWARE\\Microsoft\\EAPOL',
  'SOFTWARE\\Microsoft\\Palm\\DelayManipulationDuration',
  'SOFTWARE\\Microsoft\\Shell\\OEM\\QuickActions\\ColorProfileQuickAction',
  'SOFTWARE\\Microsoft\\Speech_OneCore\\AudioInput',
  'SOFTWARE\\Microsoft\\Windows Media Foundation',
  'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\AdaptiveDisplayBrightness',
  'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\drivers.desc',
  'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32',
  'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ICM',
  'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\OpenGlDrivers',
  'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Notify\\ScCertProp',
  'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths',
  'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Audio',
  'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Authentication',
  'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Control Panel',
  'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Controls Folder',
  'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer',
  'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Reliability\\UserDefined',
  'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
  'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
  'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
  'SOFTWARE\\Wow6432Node\\Microsoft\\Windows Media Foundation',
  'SOFTWARE\\Wow6432Node\\Khronos',
  'SOFTWARE\\WowAA32Node\\Microsoft\\Windows Media Foundation',
  'SOFTWARE\\WowAA32Node\\Khronos',
].map((k) => k.toLowerCase());

/** Whether /h allows a registry write at root\subkey (root in lower case: "hklm"). */
export function hAllowsRegistry(root: string, subkey: string): boolean {
  if (root === 'hkcr') return true;
  if (root !== 'hklm') return false;
  const key = subkey.replace(/^\\+/, '').replace(/\\+$/, '').toLowerCase();
  return HKLM_ALLOWED.some((allowed) => key === allowed || key.startsWith(`${allowed}\\`));
}
