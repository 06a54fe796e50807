import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The real articles, an extra corpus that is not part of the repository:
 * DOSSIER_SEEDS_DIR names their folder, or a `shared/seeds` folder beside the
 * checkout is used when there is one. A fresh clone has neither, and only the
 * suites under tests/seeds/ read them: the "seeds" project of vitest.config.ts
 * runs them when the folder is there and reports itself skipped otherwise.
 * Every other suite reads the fixtures in tests/fixtures/ instead.
 */
export function seedsDir(): string | null {
  const dir = process.env.DOSSIER_SEEDS_DIR ?? fileURLToPath(new URL("../../../shared/seeds/", import.meta.url));
  return existsSync(dir) ? (dir.endsWith("/") ? dir : `${dir}/`) : null;
}

/** Why the real-article suite cannot run, for summaries ("skipped: …"). */
export const SEEDS_ABSENT = "no seed articles (set DOSSIER_SEEDS_DIR, or place them in ../shared/seeds)";

/** Why the seed suites did not run, in one line. */
export const SEEDS_MISSING = `real-article suite skipped: ${SEEDS_ABSENT}`;

export const SEED_FILES = {
  cemo: "cemo-taliban-and-iran-2021.txt",
  timeline: "love-hate-relationship-timeline-2016.txt",
  reuters: "reuters-iran-talks-to-taliban.txt",
  asharq: "taliban-maintains-relationship-with-iran.txt",
} as const;

function requireDir(): string {
  const dir = seedsDir();
  if (!dir) throw new Error(SEEDS_MISSING);
  return dir;
}

export const readSeed = (name: string) => readFileSync(requireDir() + name, "utf8");
export const readSeedBytes = (name: string) => new Uint8Array(readFileSync(requireDir() + name));

/** Every plain-text article in the folder, in name order. */
export const seedNames = () =>
  readdirSync(requireDir())
    .filter((name) => name.endsWith(".txt"))
    .sort();

/** The folder as a path; only for the end-to-end import spec, which has yet to move to the fixtures. */
export const SEEDS_PATH = seedsDir() ?? "/missing-seed-articles/";
