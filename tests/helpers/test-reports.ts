import path from "node:path";

/**
 * Reads the JSON reports vitest and Playwright write for `npm test`
 * (tests/run-all.ts): how many tests passed and failed, and which failed, each
 * with the first lines of its error. The failures are printed again under the
 * run's summary, so the last lines of a long run (all a CI log may keep) name
 * what failed.
 */

export type StageCount = { passed: number; failed: number; skipped: number; failures: string[] };

// Colour codes: ESC [ … m. The escape character is built rather than written into the pattern (no-control-regex).
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const ERROR_LINES = 6;

/** A failed test's name and the first lines of its error, colour codes removed. */
export function failureLine(name: string, message: string | undefined): string {
  const lines = (message ?? "")
    .replace(ANSI, "")
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "")
    .slice(0, ERROR_LINES);
  return [name, ...lines.map((l) => `    ${l}`)].join("\n");
}

export type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTests: number;
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
};

/** A vitest run's counts; `root` makes the file names relative. */
export function vitestCount(r: VitestReport, root: string): StageCount & { total: number } {
  const failures: string[] = [];
  let filesFailedOutsideTests = 0;
  for (const file of r.testResults ?? []) {
    const where = path.relative(root, file.name);
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const t of failedTests) failures.push(failureLine(`${where} › ${t.fullName}`, t.failureMessages?.[0]));
    // A file that failed outside its tests (an import, a hook) has no failed test to name, and counts once.
    if (file.status === "failed" && failedTests.length === 0) {
      failures.push(failureLine(where, file.message));
      filesFailedOutsideTests++;
    }
  }
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + filesFailedOutsideTests,
    skipped: 0,
    total: r.numTotalTests,
    failures,
  };
}

type PlaywrightStatus = "expected" | "unexpected" | "flaky" | "skipped";
export type PlaywrightSuite = {
  specs?: {
    title: string;
    file: string;
    line: number;
    tests: { projectName: string; status: PlaywrightStatus; results?: { error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
};

/** A Playwright run's counts per project (desktop, phone); `testDir` prefixes the spec files' names. */
export function playwrightCounts(suites: PlaywrightSuite[], testDir: string): Map<string, StageCount> {
  const byProject = new Map<string, StageCount>();
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests) {
        const n = byProject.get(t.projectName) ?? { passed: 0, failed: 0, skipped: 0, failures: [] };
        if (t.status === "expected") n.passed++;
        else if (t.status === "skipped") n.skipped++;
        else {
          n.failed++; // unexpected, or flaky: passed only on a retry
          const error = t.results?.find((x) => x.error)?.error?.message;
          n.failures.push(
            failureLine(`[${t.projectName}] ${testDir}/${spec.file}:${spec.line} › ${spec.title}`, error),
          );
        }
        byProject.set(t.projectName, n);
      }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of suites) walk(suite);
  return byProject;
}
