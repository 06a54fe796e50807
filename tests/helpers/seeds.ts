import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The real articles the tests read. They sit beside the repository
 * (../shared/seeds from the main checkout); a checkout elsewhere (a git
 * worktree) finds them at the machine's shared location instead.
 */
const CANDIDATES = [fileURLToPath(new URL("../../../shared/seeds/", import.meta.url)), "/work/shared/seeds/"];
export const SEEDS_PATH = CANDIDATES.find((dir) => existsSync(dir)) ?? CANDIDATES[0]!;

export const SEED_FILES = {
  cemo: "cemo-taliban-and-iran-2021.txt",
  timeline: "love-hate-relationship-timeline-2016.txt",
  reuters: "reuters-iran-talks-to-taliban.txt",
  asharq: "taliban-maintains-relationship-with-iran.txt",
} as const;

export const readSeed = (name: string) => readFileSync(SEEDS_PATH + name, "utf8");
export const readSeedBytes = (name: string) => new Uint8Array(readFileSync(SEEDS_PATH + name));
