// The explicit, ordered list of infverif rules (by code). Ids are never
// reused: a retired rule stays here as a commented tombstone.
import type { InfRule } from './context.js';
import r1001 from './1001-version-signature.js';
import r1002 from './1002-parse-error.js';
import r1003 from './1003-encoding.js';
import r1005 from './1005-section-name-required.js';
import r1006 from './1006-missing-value.js';
import r1008 from './1008-invalid-disk-id.js';
import r1010 from './1010-invalid-classguid.js';
import r1011 from './1011-missing-models-name.js';
import r1019 from './1019-invalid-guid.js';
import r1081 from './1081-invalid-argument.js';
import r1084 from './1084-dependent-directive-missing.js';
import r1088 from './1088-duplicate-directive.js';
import r1100 from './1100-dirid13-copy-mismatch.js';
import r1110 from './1110-copyinf-not-inf.js';
import r1201 from './1201-extra-value.js';
import r1203 from './1203-section-not-found.js';
import r1204 from './1204-provider-microsoft.js';
import r1205 from './1205-section-two-directives.js';
import r1209 from './1209-section-defined-twice.js';
import r1211 from './1211-multiple-assoc-services.js';
import r1212 from './1212-defaultinstall-and-manufacturer.js';
import r1213 from './1213-catalog-in-sourcedisksfiles.js';
import r1214 from './1214-invalid-catalog-name.js';
import r1217 from './1217-invalid-driver-version.js';
import r1218 from './1218-invalid-driver-date.js';
import r1224 from './1224-invalid-registry-root.js';
import r1225 from './1225-wrong-registry-type.js';
import r1229 from './1229-missing-filename.js';
import r1230 from './1230-missing-sourcedisksfiles.js';
import r1231 from './1231-compressed-name.js';
import r1233 from './1233-missing-signature-directive.js';
import r1234 from './1234-required-directive.js';
import r1235 from './1235-undefined-string-token.js';
import r1243 from './1243-invalid-dirid.js';
import r1245 from './1245-invalid-feature-score.js';
import r1250 from './1250-invalid-eventlogtype.js';
import r1251 from './1251-disabled-assoc-service.js';
import r1252 from './1252-conflicting-service-settings.js';
import r1253 from './1253-service-name-missing.js';
import r1254 from './1254-invalid-service-binary.js';
import r1257 from './1257-hardcoded-windows-path.js';
import r1263 from './1263-custom-type-conflict.js';
import r1264 from './1264-custom-type-bit.js';
import r1265 from './1265-append-not-multisz.js';
import r1266 from './1266-multisz-delete-without-value.js';
import r1267 from './1267-invalid-binary-data.js';
import r1268 from './1268-invalid-number.js';
import r1271 from './1271-missing-install-section-name.js';
import r1273 from './1273-unknown-disk-id.js';
import r1274 from './1274-unstamped-arch.js';
import r1275 from './1275-not-in-destinationdirs.js';
import r1280 from './1280-class-guid-mismatch.js';
import r1281 from './1281-guid-class-mismatch.js';
import r1284 from './1284-reserved-class.js';
import r1285 from './1285-classinstall32-microsoft-class.js';
import r1286 from './1286-class-name-too-long.js';
import r1287 from './1287-invalid-decoration.js';
import r1288 from './1288-invalid-target-os-version.js';
import r1290 from './1290-directive-not-allowed.js';
import r1293 from './1293-reserved-service-name.js';
import r1294 from './1294-duplicate-value.js';
import r1295 from './1295-strings-count.js';
import r1296 from './1296-no-associated-service.js';
import r1297 from './1297-no-devices.js';
import r1299 from './1299-checks-skipped.js';
import r1300 from './1300-legacy-section.js';
import r1301 from './1301-legacy-directive.js';
import r1303 from './1303-coinstaller-addreg.js';
import r1304 from './1304-non-hkr-registry.js';
import r1305 from './1305-multisz-append-delete.js';
import r1306 from './1306-non-system-destination.js';
import r1308 from './1308-legacy-file-delete.js';
import r1309 from './1309-legacy-registry-delete.js';
import r1320 from './1320-registry-key-not-hkr.js';
import r1321 from './1321-registry-value-not-hkr.js';
import r1322 from './1322-not-dirid13.js';
import r1323 from './1323-service-value-not-parameters.js';
import r1324 from './1324-pnplockdown.js';
import r1329 from './1329-filters-via-registry.js';
import r1330 from './1330-multiple-sources.js';
import r1340 from './1340-deprecated-dirid.js';
import r1380 from './1380-missing-extension-id.js';
import r1381 from './1381-invalid-extension-id.js';
import r1400 from './1400-umdf-service-order.js';
import r1402 from './1402-deprecated-umdf-version.js';
import r1420 from './1420-defaultinstall-not-primitive.js';
import r1421 from './1421-missing-arch-decoration-primitive.js';
import r2006 from './2006-undefined-service-section.js';
import r2009 from './2009-deprecated-directive.js';
import r2010 from './2010-missing-arch-decoration.js';
import r2083 from './2083-section-not-used.js';
import r2084 from './2084-service-binary-not-copied.js';
import r2085 from './2085-service-binary-dirid.js';
import r2086 from './2086-legacy-pattern-wudfrd.js';
import r9000 from './9000-rule-crashed.js';
import r9001 from './9001-utf16-without-bom.js';
import r9002 from './9002-odd-byte-count.js';
import r9003 from './9003-value-truncated.js';
import r9004 from './9004-text-before-first-section.js';
import r9005 from './9005-unstamped-token.js';

export const infRules: readonly InfRule[] = [
  r1001,
  r1002,
  r1003,
  r1005,
  r1006,
  r1008,
  r1010,
  r1011,
  r1019,
  r1081,
  r1084,
  r1088,
  r1100,
  r1110,
  r1201,
  r1203,
  r1204,
  r1205,
  r1209,
  r1211,
  r1212,
  r1213,
  r1214,
  r1217,
  r1218,
  r1224,
  r1225,
  r1229,
  r1230,
  r1231,
  r1233,
  r1234,
  r1235,
  r1243,
  r1245,
  r1250,
  r1251,
  r1252,
  r1253,
  r1254,
  r1257,
  r1263,
  r1264,
  r1265,
  r1266,
  r1267,
  r1268,
  r1271,
  r1273,
  r1274,
  r1275,
  r1280,
  r1281,
  r1284,
  r1285,
  r1286,
  r1287,
  r1288,
  r1290,
  r1293,
  r1294,
  r1295,
  r1296,
  r1297,
  r1299,
  r1300,
  r1301,
  r1303,
  r1304,
  r1305,
  r1306,
  r1308,
  r1309,
  r1320,
  r1321,
  r1322,
  r1323,
  r1324,
  r1329,
  r1330,
  r1340,
  r1380,
  r1381,
  r1400,
  r1402,
  r1420,
  r1421,
  r2006,
  r2009,
  r2010,
  r2083,
  r2084,
  r2085,
  r2086,
  r9000,
  r9001,
  r9002,
  r9003,
  r9004,
  r9005,
];

const byId = new Map(infRules.map((r) => [r.id, r]));
export function ruleById(id: string): InfRule | undefined {
  return byId.get(id);
}
