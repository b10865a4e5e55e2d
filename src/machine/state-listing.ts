// A covering index beside the package and device buckets: for each bucket file,
// the few fields `pnputil /enum-drivers` and `devcon find|findall|status *` print
// of its records, as rows of a JSON array. At 10,000 packages a bucket's records
// are about 7 MB per collection (files with their hashes, driver bindings); what
// the listings print is a fifth of that, and parsing is what such a command spends
// its time on.
//
// A listing file is "<sha256 of the body> <digest line of its bucket> <its size>\n<body>\n".
// It is derived, never the truth: it is used only when its own digest holds and it
// names the digest line and size its bucket file has now (only that line is read:
// reading and hashing the buckets would cost what the listing saves). Anything else
// (a target written by an earlier wdksim, a bucket rewritten or edited by hand, a
// crash between the two renames of a recovery) falls back to the bucket itself.
// What is left: an edit by hand that keeps a bucket's digest line and its size is
// listed as last committed (every other command reads and validates the edit).
// It is written in the same commit as its bucket, and has no committed copy.
import type { DeviceRecord, DriverPackageRecord } from './model.js';
import { readFolderHeadsSync, readFolderSync } from './fs/jail.js';
import { RECORDS_DIR, sha256hex, type BucketReader, type Entry } from './state-records.js';

export type ListedCollection = 'packages' | 'devices';

/** What a package listing prints (pnputil /enum-drivers without /files). */
export type PackageListing = Pick<
  DriverPackageRecord,
  'publishedName' | 'originalName' | 'provider' | 'className' | 'classGuid' | 'driverDate' | 'driverVersion' | 'signer' | 'inbox'
>;

/** What a device listing prints (devcon find, findall and status over every device); `driver`: bound to one. */
export type DeviceListing = Pick<DeviceRecord, 'instanceId' | 'description' | 'friendlyName' | 'present' | 'disabled' | 'problem' | 'className' | 'service'> & {
  driver?: true;
};

export interface Listings {
  packages: PackageListing;
  devices: DeviceListing;
}

export const LISTING_DIR = `${RECORDS_DIR}/listing`;
export const listingPath = (collection: ListedCollection, bucket: string): string => `${LISTING_DIR}/${collection}/${bucket}.json`;
export const isListed = (collection: string): collection is ListedCollection => collection === 'packages' || collection === 'devices';

type Row = (string | number | null)[];

const ROW: { [C in ListedCollection]: { length: number; of(record: never): Row; from(row: Row): Listings[C] } } = {
  packages: {
    length: 9,
    of: (p: DriverPackageRecord) => [p.publishedName, p.originalName, p.provider, p.className, p.classGuid, p.driverDate, p.driverVersion, p.signer ?? null, p.inbox ? 1 : 0],
    from(r) {
      return {
        publishedName: r[0] as string,
        originalName: r[1] as string,
        provider: r[2] as string,
        className: r[3] as string,
        classGuid: r[4] as string,
        driverDate: r[5] as string,
        driverVersion: r[6] as string,
        signer: (r[7] ?? undefined) as string | undefined,
        inbox: r[8] === 1 ? true : undefined,
      };
    },
  },
  devices: {
    length: 9,
    of: (d: DeviceRecord) => [
      d.instanceId,
      d.description,
      d.friendlyName ?? null,
      d.present ? 1 : 0,
      d.disabled ? 1 : 0,
      d.problem,
      d.className,
      d.service ?? null,
      d.driver ? 1 : 0,
    ],
    from(r) {
      // One object shape for every row (no conditional spreads): 10,000 devices in a listing.
      return {
        instanceId: r[0] as string,
        description: r[1] as string,
        friendlyName: (r[2] ?? undefined) as string | undefined,
        present: r[3] === 1,
        disabled: r[4] === 1,
        problem: r[5] as number,
        className: r[6] as string,
        service: (r[7] ?? undefined) as string | undefined,
        driver: r[8] === 1 ? true : undefined,
      };
    },
  },
};

/** A record's listing, as a listing file would give it back. */
export function listingOf<C extends ListedCollection>(collection: C, record: C extends 'packages' ? DriverPackageRecord : DeviceRecord): Listings[C] {
  return ROW[collection].from(ROW[collection].of(record as never)) as Listings[C];
}

/** The listing file of a bucket whose text is `bucketText` (undefined: the bucket is deleted, so is its listing). */
export function listingText(collection: ListedCollection, entries: readonly Entry[], bucketText: string | undefined): string | undefined {
  if (bucketText === undefined) return undefined;
  const body = JSON.stringify(entries.map((e) => ROW[collection].of(e[1] as never)));
  return `${sha256hex(body)} ${bucketText.slice(0, bucketText.indexOf('\n'))} ${Buffer.byteLength(bucketText)}\n${body}\n`;
}

const DIGEST = /^[0-9a-f]{64}$/;
const BUCKET_FILE = /^([0-9a-f]{3})\.json$/;

/** The rows of a listing file that is whole and names its bucket as it is (`bucket`: digest line and size); undefined otherwise. */
function rowsOf(collection: ListedCollection, bytes: Buffer | undefined, bucket: string): Row[] | undefined {
  if (!bytes || bytes[bytes.length - 1] !== 10) return undefined;
  const nl = bytes.indexOf(10);
  if (nl < 65 || bytes.toString('latin1', 65, nl) !== bucket) return undefined;
  const body = bytes.subarray(nl + 1, bytes.length - 1);
  if (sha256hex(body) !== bytes.toString('latin1', 0, 64)) return undefined;
  try {
    const rows = JSON.parse(body.toString('utf8')) as unknown;
    const length = ROW[collection].length;
    return Array.isArray(rows) && rows.every((r) => Array.isArray(r) && r.length === length) ? (rows as Row[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every record's listing in a collection, in no particular order: from each
 * bucket's listing file where it names the bucket as it is now (its digest line
 * and its size: only the first line of a bucket is read), from the bucket itself
 * (read and checked as any read of it is) where it does not.
 */
export function eachListing<C extends ListedCollection>(root: string, reader: BucketReader, collection: C, fn: (listing: Listings[C]) => void): void {
  const buckets = readFolderHeadsSync(root, `${RECORDS_DIR}/${collection}`, 65, 'target state') ?? new Map<string, { head: Buffer; size: number }>();
  const listings = readFolderSync(root, `${LISTING_DIR}/${collection}`, 'target state') ?? new Map<string, Buffer>();
  const from = ROW[collection].from;
  for (const [name, { head, size }] of buckets) {
    const bucket = BUCKET_FILE.exec(name)?.[1];
    if (bucket === undefined) continue;
    const digest = head[64] === 10 ? head.toString('latin1', 0, 64) : '';
    const rows = DIGEST.test(digest) ? rowsOf(collection, listings.get(name), `${digest} ${size}`) : undefined;
    if (rows) for (const r of rows) fn(from(r) as Listings[C]);
    else for (const e of reader.bucket(collection, bucket).entries) fn(listingOf(collection, e[1] as never));
  }
}
