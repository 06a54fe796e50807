import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Test files known to run long, longest first. Two workers share the files;
 * without a record of earlier runs (a fresh clone has none) Vitest starts the
 * largest files first, which put a two-minute file that mostly waits on
 * other processes last, with the other worker idle beside it. Started first,
 * the long files overlap the many short ones. Figures: wall time per file
 * in a run of the whole suite on two cores.
 */
const SLOW_FIRST = [
  "tests/integration/auth-matrix.test.ts", // ~130 s: every procedure as every role
  "tests/integration/import-jobs-instances.test.ts", // ~65 s: waits out a killed job's expiry
  "tests/integration/security-headers.test.ts", // starts the app and Chromium
  "tests/integration/schema-drift.test.ts",
  "tests/integration/import-jobs.test.ts",
  "tests/integration/source-archive.test.ts", // ~55 s, mostly waiting on its own slow HTTP servers
  "tests/integration/property-inputs.test.ts",
  "tests/integration/backup-restore.test.ts",
  "tests/integration/hostile-export.test.ts",
  "tests/integration/startup.test.ts",
  "tests/integration/database-supervision.test.ts",
];

export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    // Stable: files of equal rank keep Vitest's order (projects and their group order included).
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => groupOf(a.f) - groupOf(b.f) || rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

const groupOf = (f: TestSpecification) => f.project.config.sequence.groupOrder ?? 0;
