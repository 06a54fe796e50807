import path from "node:path";
import { defineConfig } from "vitest/config";
import { SEEDS_MISSING, seedsDir } from "./tests/helpers/seeds.ts";
import SlowFilesFirst from "./tests/helpers/slow-files-first.ts";

const alias = { "@": path.resolve(import.meta.dirname) };
// Dates are stored in UTC: a zone with a half-hour offset catches code that leans on the machine's zone.
const env = { TZ: process.env.TZ || "Asia/Tehran" };
const database = {
  globalSetup: ["tests/helpers/global-setup.ts"],
  setupFiles: ["tests/helpers/database-per-file.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // Two cores: two workers, each test file on its own database.
  maxWorkers: 2,
};

/** The projects named on the command line (`--project a`, `--project=b`), or null when all of them run. */
function requestedProjects(argv: string[]): string[] | null {
  const names = argv.flatMap((arg, i) =>
    arg === "--project" ? [argv[i + 1] ?? ""] : arg.startsWith("--project=") ? [arg.slice("--project=".length)] : [],
  );
  return names.length ? names : null;
}

/*
 * The real articles are not part of the repository (tests/helpers/seeds.ts).
 * Without them the "seeds" project has no files, and the run says so in one
 * line. Vitest fails a run that finds no test file at all, so a run of that
 * project alone stops here: it is skipped, neither passed nor failed.
 */
const seeds = seedsDir();
if (!seeds) {
  const requested = requestedProjects(process.argv);
  if (!requested || requested.includes("seeds")) console.log(SEEDS_MISSING);
  if (requested?.every((name) => name === "seeds")) process.exit(0);
}

export default defineConfig({
  resolve: { alias },
  test: {
    sequence: { sequencer: SlowFilesFirst },
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          // Some unit suites are exhaustive (every short attack string, a 13 MB document): room for a busy machine.
          testTimeout: 30_000,
          // Vitest's default is one worker fewer than the cores: a single worker on two cores. The files are
          // independent (no database), so both cores take files: the hostile-briefing PDF suite alone is about
          // two thirds of the stage, and the other files fit beside it.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
          env,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          sequence: { groupOrder: 1 },
          env,
          ...database,
        },
      },
      {
        // The same checks as unit and integration, on the real articles (tests/seeds/).
        resolve: { alias },
        test: {
          name: "seeds",
          include: seeds ? ["tests/seeds/**/*.test.ts"] : [],
          environment: "node",
          sequence: { groupOrder: 2 },
          env,
          ...database,
        },
      },
    ],
  },
});
