import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The real articles, an extra corpus that is not part of the repository:
 * DOSSIER_SEEDS_DIR names their folder, or a `shared/seeds` folder beside the
 * checkout is used when there is one. A fresh clone has neither, and only the
 * suites under tests/seeds/ read them (they skip themselves then).
 */
export function seedsDir(): string | null {
  const dir = process.env.DOSSIER_SEEDS_DIR ?? fileURLToPath(new URL("../../../shared/seeds/", import.meta.url));
  return existsSync(dir) ? (dir.endsWith("/") ? dir : `${dir}/`) : null;
}

/** Why the seed suites did not run, in one line. */
export const SEEDS_MISSING =
  "real-article suite skipped: no seed articles (set DOSSIER_SEEDS_DIR, or place them in ../shared/seeds)";

export const SEED_FILES = {
  cemo: "cemo-taliban-and-iran-2021.txt",
  timeline: "love-hate-relationship-timeline-2016.txt",
  reuters: "reuters-iran-talks-to-taliban.txt",
  asharq: "taliban-maintains-relationship-with-iran.txt",
} as const;

function pathOf(name: string): string {
  const dir = seedsDir();
  if (!dir) throw new Error(SEEDS_MISSING);
  return dir + name;
}

export const readSeed = (name: string) => readFileSync(pathOf(name), "utf8");
export const readSeedBytes = (name: string) => new Uint8Array(readFileSync(pathOf(name)));

/** The folder as a path; only for suites being moved under tests/seeds/. */
export const SEEDS_PATH = seedsDir() ?? "/missing-seed-articles/";
