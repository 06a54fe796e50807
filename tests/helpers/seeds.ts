import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The real articles the tests read. They sit beside the repository
 * (../shared/seeds); DOSSIER_SEEDS_DIR points elsewhere (a worktree, CI).
 */
const dir = process.env.DOSSIER_SEEDS_DIR ?? fileURLToPath(new URL("../../../shared/seeds/", import.meta.url));
export const SEEDS_PATH = dir.endsWith("/") ? dir : `${dir}/`;

export const SEED_FILES = {
  cemo: "cemo-taliban-and-iran-2021.txt",
  timeline: "love-hate-relationship-timeline-2016.txt",
  reuters: "reuters-iran-talks-to-taliban.txt",
  asharq: "taliban-maintains-relationship-with-iran.txt",
} as const;

export const readSeed = (name: string) => readFileSync(SEEDS_PATH + name, "utf8");
export const readSeedBytes = (name: string) => new Uint8Array(readFileSync(SEEDS_PATH + name));
