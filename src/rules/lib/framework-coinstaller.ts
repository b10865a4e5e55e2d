// The framework co-installer named by its version token: WDF's templates write
// "WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll" (KMDF) and "WudfUpdate_$UMDFCOINSTALLERVERSION$.dll"
// (UMDF 1). The WDK's StampInf task runs stampinf -x, which takes the lines that name it out of the
// INF InfVerif then checks: a Desktop build of BixVReader.inf with 10.0.26100 (/h) printed no 1303
// for its "WudfUpdate_$UMDFCOINSTALLERVERSION$.dll" CoInstallers32 line (frankmorgner/vsmartcard#321).
// wdksim keeps the lines (their line numbers stand) and does not report them in a build input.

const TOKEN = /\$(KMDF|UMDF)COINSTALLERVERSION\$/i;

/** Whether a value (a file name, a CoInstallers32 string) names the framework co-installer by its token. */
export function namesFrameworkCoinstallerToken(value: string): boolean {
  return TOKEN.test(value);
}
