/**
 * Near-duplicate texts by MinHash over word shingles (Broder, "On the
 * resemblance and containment of documents", 1997). The same article saved as
 * text, as a web page and as a PDF differs in a heading, a caption or a
 * byline, so its exact hash differs too; the share of five-word runs the two
 * texts have in common does not move much.
 *
 * A signature is one minimum per hash function; two signatures agree in
 * about the share of shingles the texts share (their Jaccard similarity).
 * Band keys (locality-sensitive hashing) let the database find the few
 * sources that can be alike through an index, without reading any text.
 *
 * Written here rather than taken from a package: the MinHash of the one
 * maintained library for Node draws its hash functions from Math.random per
 * process, so signatures stored by one server could not be compared by the
 * next. These hash functions are fixed, so stored signatures stay valid.
 */

/** Words per shingle: long enough that shared runs mean shared sentences, short enough to survive small edits. */
const SHINGLE_WORDS = 5;
export const SIGNATURE_SIZE = 128;
/** 32 bands of 4 rows: texts about 45 % alike or more share a band with high probability; unrelated ones almost never. */
const BANDS = 32;
const ROWS = SIGNATURE_SIZE / BANDS;
/** Under this many shingles a text is too short for the share of shared ones to mean anything. */
export const MIN_SHINGLES = 30;
const MAX_SHINGLES = 20_000;
/** Share of shingles in common from which two texts are offered as the same document. */
export const NEAR_DUPLICATE_SIMILARITY = 0.6;

/** MurmurHash3's finaliser: a fast 32-bit mix with good avalanche. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 units of a string. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix(Math.imul(i + 1, 0x9e3779b9)));

/** Enough of a long document to know it; reading more only costs time. */
const MAX_WORDS = 40_000;

/** Lower-cased words, letters and digits only, so markup, punctuation and line breaks do not count. */
function words(text: string): string[] {
  const out: string[] = [];
  // A word is rarely longer than ten characters: the first MAX_WORDS * 10 are plenty.
  for (const m of text
    .slice(0, MAX_WORDS * 10)
    .normalize("NFKC")
    .matchAll(/[\p{L}\p{N}]+/gu)) {
    out.push(m[0].toLocaleLowerCase());
    if (out.length >= MAX_WORDS) break;
  }
  return out;
}

/** Hashes of the text's distinct runs of five words. */
export function shingleHashes(text: string): Uint32Array {
  const hashes = words(text).map(hashString);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= hashes.length && out.size < MAX_SHINGLES; i++) {
    let h = 0;
    for (let j = 0; j < SHINGLE_WORDS; j++) h = mix((h ^ hashes[i + j]!) + j);
    out.add(h);
  }
  return Uint32Array.from(out);
}

export type Fingerprint = { signature: number[]; bands: number[] };

/** The signature and the band keys of a text, the keys salted with the workspace so lookups stay within it. */
export function fingerprint(text: string, workspaceId: string): Fingerprint {
  const shingles = shingleHashes(text);
  if (shingles.length < MIN_SHINGLES) return { signature: [], bands: [] };
  const signature = new Array<number>(SIGNATURE_SIZE);
  for (let f = 0; f < SIGNATURE_SIZE; f++) {
    const seed = SEEDS[f]!;
    let min = 0xffffffff;
    for (let i = 0; i < shingles.length; i++) {
      const h = mix(shingles[i]! ^ seed);
      if (h < min) min = h;
    }
    // Stored as PostgreSQL integers: signed 32-bit.
    signature[f] = min | 0;
  }
  const salt = hashString(workspaceId);
  const bands: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = mix(salt ^ Math.imul(b + 1, 0x27d4eb2d));
    for (let r = 0; r < ROWS; r++) h = mix(h ^ (signature[b * ROWS + r]! >>> 0));
    bands.push(h | 0);
  }
  return { signature, bands };
}

/** The estimated share of shingles two texts have in common, from their signatures (0 when either is empty). */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== SIGNATURE_SIZE || b.length !== SIGNATURE_SIZE) return 0;
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}
