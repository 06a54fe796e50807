import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { SEEDS_ABSENT, SEEDS_MISSING, seedsDir } from "./helpers/seeds.ts";

/**
 * `npm test`: typecheck, lint, format, unit, integration, the real-article
 * suite (seeds) and end-to-end tests, in that order, then one closing line
 * "N passed, N failed". Typecheck, lint and format count as one check each.
 * Every stage runs even when an earlier one failed, so one run shows
 * everything that is wrong. The seeds stage needs articles that are not part
 * of the repository (tests/helpers/seeds.ts); without them it is skipped,
 * counted neither passed nor failed.
 */
const reports = path.resolve(".data/test-reports");
const bin = (name: string) => path.resolve("node_modules/.bin", name);
// Dates are stored in UTC; running the suite in a zone with a half-hour offset
// catches code that silently depends on the machine's zone.
const env = { ...process.env, TZ: process.env.TZ || "Asia/Tehran", NEXT_TELEMETRY_DISABLED: "1" };

type Result = { stage: string; passed: number; failed: number; note?: string; skipped?: string };

function run(cmd: string, args: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    console.log(`\n▶ ${[path.basename(cmd), ...args].join(" ")}`);
    const child = spawn(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", () => resolve(1));
  });
}

async function check(stage: string, cmd: string, args: string[]): Promise<Result> {
  const code = await run(cmd, args);
  return { stage, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
}

async function vitest(project: string): Promise<Result> {
  const out = path.join(reports, `${project}.json`);
  const code = await run(bin("vitest"), [
    "run",
    "--project",
    project,
    "--reporter=default",
    "--reporter=json",
    `--outputFile=${out}`,
  ]);
  if (!existsSync(out))
    return { stage: project, passed: 0, failed: 1, note: `vitest exited with ${code} before reporting` };
  const r = JSON.parse(await readFile(out, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTests: number;
    success: boolean;
  };
  // A crashed file (e.g. a failing import) has no failed tests but fails the run.
  const failed = r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0);
  return { stage: project, passed: r.numPassedTests, failed, note: r.numTotalTests === 0 ? "no tests ran" : undefined };
}

async function seeds(): Promise<Result> {
  if (seedsDir()) return vitest("seeds");
  console.log(`\n${SEEDS_MISSING}`);
  return { stage: "seeds", passed: 0, failed: 0, skipped: SEEDS_ABSENT };
}

type PlaywrightSuite = {
  specs?: { tests: { projectName: string; status: "expected" | "unexpected" | "flaky" | "skipped" }[] }[];
  suites?: PlaywrightSuite[];
};

/** End-to-end tests, counted per Playwright project (desktop, phone), so the summary shows each. */
async function e2e(): Promise<Result[]> {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    console.error(
      `\n✖ End-to-end tests need Chromium, and none was found at ${chromium}.\n` +
        "  Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium/Chrome binary.",
    );
    return [{ stage: "e2e", passed: 0, failed: 1, note: "Chromium not found" }];
  }
  const out = path.join(reports, "e2e.json");
  const started = performance.now();
  const code = await run(bin("playwright"), ["test"], { E2E_REPORT_FILE: out });
  const minutes = `${((performance.now() - started) / 60_000).toFixed(1)} min`;
  if (!existsSync(out))
    return [{ stage: "e2e", passed: 0, failed: 1, note: `playwright exited with ${code} before reporting` }];
  const r = JSON.parse(await readFile(out, "utf8")) as { suites: PlaywrightSuite[]; errors?: unknown[] };
  const byProject = new Map<string, { passed: number; failed: number; skipped: number }>();
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests) {
        const n = byProject.get(t.projectName) ?? { passed: 0, failed: 0, skipped: 0 };
        if (t.status === "expected") n.passed++;
        else if (t.status === "skipped") n.skipped++;
        else n.failed++; // unexpected, or flaky: passed only on a retry
        byProject.set(t.projectName, n);
      }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of r.suites) walk(suite);
  const results: Result[] = [...byProject].map(([project, n]) => ({
    stage: `e2e ${project}`,
    passed: n.passed,
    failed: n.failed,
    note: n.skipped ? `${n.skipped} skipped` : undefined,
  }));
  // A run that failed outside any test (the web server, a broken import) still counts as a failure.
  const testFailures = results.reduce((k, x) => k + x.failed, 0);
  if (code !== 0 && testFailures === 0)
    results.push({ stage: "e2e", passed: 0, failed: 1, note: `playwright exited with ${code}` });
  if (results.length === 0) results.push({ stage: "e2e", passed: 0, failed: 1, note: "no tests ran" });
  results[0]!.note = [results[0]!.note, `whole stage ${minutes}`].filter(Boolean).join("; ");
  return results;
}

await rm(reports, { recursive: true, force: true });
await mkdir(reports, { recursive: true });

const results: Result[] = [];
results.push(await check("typecheck", bin("tsc"), ["--noEmit"]));
results.push(await check("lint", bin("eslint"), ["--max-warnings=0", "."]));
results.push(await check("format", bin("prettier"), ["--check", "."]));
results.push(await vitest("unit"));
results.push(await vitest("integration"));
results.push(await seeds());
results.push(...(await e2e()));

console.log("\nSummary");
for (const r of results) {
  if (r.skipped) {
    console.log(`  – ${r.stage.padEnd(12)} skipped: ${r.skipped}`);
    continue;
  }
  console.log(
    `  ${r.failed ? "✖" : "✔"} ${r.stage.padEnd(13)} ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ""}`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
