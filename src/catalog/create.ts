// createCatalog: the catalog Inf2Cat writes for a set of package files
// (catalog-format §8), v1 (SHA-1 members) or v2 (SHA-256 members + SHA-1
// shadow entries, §3.4). Same inputs + same `now` → same bytes.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { InputError, fsFailure } from '../errors.js';
import {
  catalogAttribute,
  type EncodedMember,
  EMPTY_LINK,
  indirectDataAttribute,
  memberAttribute,
  memberInfoV1,
  memberInfoV2,
  nameValue,
  nameValueAttribute,
  OBSOLETE_LINK,
  sortByTag,
  v1Tag,
  unsignedCatalog,
} from './ctl.js';
import { hashFile, hashSmallFile, type FileDigests } from './hash.js';
import { OID } from './oids.js';
import { PageHashError, pageHashLink, pageHashTableOfFile } from './page-hashes.js';

export interface CatalogMemberInput {
  /** File name as in the package (case kept; lower-cased in the `File` attribute). */
  name: string;
  path: string;
}
export interface CatalogAttribute {
  name: string;
  value: string;
}
export interface CreateCatalogOptions {
  members: CatalogMemberInput[];
  /** Member OSAttr value, e.g. "2:10.0" or "2:6.1,2:10.0"; omitted from members when empty. */
  osAttr: string;
  /**
   * Catalog-level name/values, stored in the order given. (MakeCat stores CDF
   * CATATTRn in reverse insertion order; real Inf2Cat catalogs show OS first,
   * then HWIDn..HWID1; the caller chooses.)
   */
  catalogAttributes: CatalogAttribute[];
  version: 1 | 2;
  now: Date;
  /** 16 bytes; default derived from the content, so the output is reproducible. */
  listIdentifier?: Buffer;
  /** Page hashes for PE members: true = all, a list = those file names (case-insensitive). */
  pageHashes?: boolean | string[];
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  /**
   * Digests already computed for some member paths (inf2cat hashes a file when its
   * readability test opens it); used when they hold every digest the catalog needs.
   */
  digests?: ReadonlyMap<string, FileDigests>;
}

interface HashedMember {
  input: CatalogMemberInput;
  digests: FileDigests;
  /** The page-hash link for SpcPeImageData, when page hashes were asked for. */
  pageLink?: Buffer;
}

/** Large files hashed at once. */
const HASH_CONCURRENCY = 4;

async function hashMembers(options: CreateCatalogOptions): Promise<HashedMember[]> {
  const algorithms = (options.version === 1 ? ['sha1'] : ['sha1', 'sha256']) as Array<'sha1' | 'sha256'>;
  let done = 0;
  let total = 0;
  const hashOptions = {
    algorithms,
    ...(options.onProgress
      ? {
          onBytes: (n: number) => {
            done += n;
            options.onProgress!(done, total);
          },
        }
      : {}),
  };
  if (options.onProgress) {
    // The total for the progress report: one synchronous stat per file (10,000 promise round trips cost more than the stats).
    for (const m of options.members) {
      try {
        total += statSync(m.path).size;
      } catch (error) {
        throw fsFailure(error, m.path);
      }
    }
    options.onProgress(0, total);
  }
  const out: HashedMember[] = new Array<HashedMember>(options.members.length);
  // Small files first, each read and hashed in one synchronous step (most of a
  // package); the larger ones are left for the streaming hasher.
  const large: number[] = [];
  const known = options.digests;
  options.members.forEach((input, index) => {
    let digests: FileDigests | undefined = known?.get(input.path);
    if (digests && algorithms.every((a) => digests![a] !== undefined)) {
      hashOptions.onBytes?.(digests.size);
      out[index] = { input, digests };
      return;
    }
    try {
      digests = hashSmallFile(input.path, hashOptions);
    } catch (error) {
      throw fsFailure(error, input.path);
    }
    if (digests) out[index] = { input, digests };
    else large.push(index);
  });
  // A few large files at a time, each streaming through one bounded buffer.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < large.length) {
      const index = large[next++]!;
      const input = options.members[index]!;
      try {
        out[index] = { input, digests: await hashFile(input.path, hashOptions) };
      } catch (error) {
        throw fsFailure(error, input.path);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(HASH_CONCURRENCY, large.length) }, worker));
  return out;
}

/** The members in tag order, one per tag (the first added wins, as a catalog keeps the first name of a file). */
function memberEntries(hashed: HashedMember[], options: CreateCatalogOptions): EncodedMember[] {
  const all: EncodedMember[] = [];
  const osAttr = options.osAttr ? memberAttribute(OID.catNameValue, nameValue('OSAttr', options.osAttr)) : undefined;
  // The File attribute of each file, shared by its member and (v2) its SHA-1 entry.
  const files = hashed.map(({ input }) => nameValueAttribute('File', input.name.toLowerCase()));
  for (let i = 0; i < hashed.length; i++) {
    const { digests, pageLink } = hashed[i]!;
    const file = files[i]!;
    if (options.version === 1) {
      const sha1 = digests.sha1!;
      const attributes = osAttr ? [file, osAttr] : [file];
      attributes.push(memberInfoV1(digests.isPe), indirectDataAttribute(digests.isPe, 'sha1', sha1, pageLink ?? OBSOLETE_LINK));
      all.push({ tag: v1Tag(sha1), attributes });
    } else {
      const sha256 = digests.sha256!;
      const info = memberInfoV2(digests.isPe ? 'pe' : 'flat');
      // MakeCat v2: PE members keep the obsolete link, flat members an empty one (§2).
      const link = digests.isPe ? (pageLink ?? OBSOLETE_LINK) : EMPTY_LINK;
      const attributes = osAttr ? [info, file, osAttr] : [info, file];
      attributes.push(indirectDataAttribute(digests.isPe, 'sha256', sha256, link));
      all.push({ tag: sha256, attributes });
    }
  }
  if (options.version === 2) {
    // SHA-1 shadow entries: tag = SHA-1, MemberInfo2, and (as real Inf2Cat v2
    // catalogs show; MakeCat writes MemberInfo2 alone, §3.4) File and OSAttr.
    for (let i = 0; i < hashed.length; i++) {
      const { digests } = hashed[i]!;
      const info = memberInfoV2(digests.isPe ? 'pe' : 'flat');
      all.push({ tag: digests.sha1!, attributes: osAttr ? [info, files[i]!, osAttr] : [info, files[i]!] });
    }
  }
  // De-duplicated by tag after sorting: sortByTag keeps equal tags in the order they
  // were added, so the first of each run is the one a map keyed by tag would keep.
  const sorted = sortByTag(all);
  const out: EncodedMember[] = [];
  for (const m of sorted) {
    const last = out[out.length - 1];
    // Digests nearly always differ in their first bytes: compared here before the native equals.
    const a = last?.tag;
    const b = m.tag;
    if (a === undefined || a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2] || !a.equals(b)) out.push(m);
  }
  return out;
}

function nameSet(names: string[]): (name: string) => boolean {
  const lower = new Set(names.map((n) => n.toLowerCase()));
  return (name) => lower.has(name.toLowerCase()) || lower.has(name.split(/[\\/]/).pop()!.toLowerCase());
}

/** `members` in tag order. */
function defaultListIdentifier(members: EncodedMember[], options: CreateCatalogOptions): Buffer {
  const h = createHash('sha256');
  h.update(`wdksim-catalog-v${options.version}\n${options.now.toISOString()}\n${options.osAttr}\n`);
  // The members' bytes in order, gathered into 64 KiB blocks: the same digest as one update per part, without 100,000 native calls.
  const block = Buffer.allocUnsafe(1 << 16);
  let at = 0;
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    const attributes = m.attributes;
    for (let j = -1; j < attributes.length; j++) {
      const part = j < 0 ? m.tag : attributes[j]!;
      if (at + part.length > block.length) {
        h.update(block.subarray(0, at));
        at = 0;
        if (part.length > block.length) {
          h.update(part);
          continue;
        }
      }
      block.set(part, at);
      at += part.length;
    }
  }
  h.update(block.subarray(0, at));
  for (const a of options.catalogAttributes) h.update(`${a.name}=${a.value}\n`);
  const id = h.digest().subarray(0, 16);
  // Shape it as an RFC 4122 version-4-style GUID, like the random one Inf2Cat writes.
  id[7] = (id[7]! & 0x0f) | 0x40;
  id[8] = (id[8]! & 0x3f) | 0x80;
  return id;
}

/** Builds the DER of an unsigned catalog for the given files. */
export async function createCatalog(options: CreateCatalogOptions): Promise<Buffer> {
  if (options.listIdentifier && options.listIdentifier.length === 0) throw new InputError('listIdentifier must not be empty');
  const hashed = await hashMembers(options);
  const wanted = options.pageHashes === true ? () => true : Array.isArray(options.pageHashes) ? nameSet(options.pageHashes) : () => false;
  const alg = options.version === 1 ? 'sha1' : 'sha256';
  for (const h of hashed) {
    if (!h.digests.isPe || !wanted(h.input.name)) continue;
    try {
      h.pageLink = pageHashLink(pageHashTableOfFile(h.input.path, alg), alg);
    } catch (error) {
      if (error instanceof PageHashError) throw new InputError(`${h.input.path}: cannot compute page hashes: ${error.message}`);
      throw fsFailure(error, h.input.path);
    }
  }
  return catalogFromDigests(hashed, options);
}

/** The pure part of createCatalog: digests in, DER out. */
export function catalogFromDigests(hashed: HashedMember[], options: CreateCatalogOptions): Buffer {
  const members = memberEntries(hashed, options);
  return unsignedCatalog({
    sorted: true,
    sortAttributesInPlace: true, // after the list identifier, which reads them in the order built
    version: options.version,
    listIdentifier: options.listIdentifier ?? defaultListIdentifier(members, options),
    thisUpdate: options.now,
    members,
    catalogAttributes: options.catalogAttributes.map((a) => catalogAttribute(a.name, a.value)),
  });
}
