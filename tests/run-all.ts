import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { buildIsCurrent } from "../server/cli/build-state.ts";
import { CHROMIUM_MISSING, testChromium } from "./helpers/chromium.ts";
import { SEEDS_ABSENT, SEEDS_MISSING, seedsDir } from "./helpers/seeds.ts";
import {
  failureLine,
  type PlaywrightSuite,
  playwrightCounts,
  type VitestReport,
  vitestCount,
} from "./helpers/test-reports.ts";

/**
 * `npm test`: typecheck (Next's route types included), lint, format, unit, the app's build, integration, the
 * real-article suite (seeds) and end-to-end tests, then a summary with each stage's wall
 * time and one closing line "N passed, N failed". Typecheck, lint and format
 * count as one check each; each of them uses one core, so the three run side
 * by side (their output is printed whole, one after another). The other
 * stages run in that order. Every stage runs even when an earlier one failed,
 * so one run shows everything that is wrong. The seeds stage needs articles
 * that are not part of the repository (tests/helpers/seeds.ts); without them
 * it is skipped, counted neither passed nor failed. What failed is listed
 * again under the summary, so the run's last lines name it.
 */
const reports = path.resolve(".data/test-reports");
const bin = (name: string) => path.resolve("node_modules/.bin", name);
// Dates are stored in UTC; running the suite in a zone with a half-hour offset
// catches code that silently depends on the machine's zone.
const env = { ...process.env, TZ: process.env.TZ || "Asia/Tehran", NEXT_TELEMETRY_DISABLED: "1" };

type Result = {
  stage: string;
  passed: number;
  failed: number;
  note?: string;
  skipped?: string;
  /** Wall time of the stage, in seconds. */
  seconds?: number;
  /** What failed, each with the start of its error. */
  failures?: string[];
};

const commandLine = (cmd: string, args: string[]) => `\n▶ ${[path.basename(cmd), ...args].join(" ")}`;

function run(cmd: string, args: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    console.log(commandLine(cmd, args));
    const child = spawn(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", () => resolve(1));
  });
}

/** Runs a command with its output collected, to be printed whole once it ends (for commands run side by side). */
function runQuietly(cmd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...env, FORCE_COLOR: "1" } });
    child.stdout.on("data", (b: Buffer) => chunks.push(b));
    child.stderr.on("data", (b: Buffer) => chunks.push(b));
    const output = () => Buffer.concat(chunks).toString("utf8");
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: output() }));
    child.on("error", (err) => resolve({ code: 1, output: `${output()}${err.message}\n` }));
  });
}

/** Wall time of a stage, added to its result (the first one, for a stage counted per project). */
async function timed<R extends Result | Result[]>(work: () => Promise<R>): Promise<R> {
  const started = performance.now();
  const r = await work();
  const first: Result | undefined = Array.isArray(r) ? r[0] : (r as Result);
  if (first) first.seconds = (performance.now() - started) / 1000;
  return r;
}

type Command = { cmd: string; args: string[] };

/**
 * Checks that each keep one core busy, run side by side. A check is one or
 * more commands run in turn (it fails at the first that fails); its output is
 * printed whole, in the order given, once it and those before it are done.
 */
async function checks(list: { stage: string; steps: Command[] }[]): Promise<Result[]> {
  const running = list.map(async ({ stage, steps }) => {
    const started = performance.now();
    let output = "";
    let code = 0;
    const failures: string[] = [];
    for (const { cmd, args } of steps) {
      const r = await runQuietly(cmd, args);
      output += `${commandLine(cmd, args)}\n${r.output}`;
      code = r.code;
      if (code !== 0) {
        failures.push(failureLine(`${path.basename(cmd)} ${args.join(" ")}`, r.output));
        break;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return { result: { stage, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, seconds, failures }, output };
  });
  const results: Result[] = [];
  for (const done of running) {
    const { result, output } = await done;
    process.stdout.write(output);
    results.push(result);
  }
  return results;
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
  const r = vitestCount(JSON.parse(await readFile(out, "utf8")) as VitestReport, process.cwd());
  // A run that failed with no failed test or file to show for it (vitest itself) still fails.
  const failed = r.failed + (code !== 0 && r.failed === 0 ? 1 : 0);
  const note = r.total === 0 ? "no tests ran" : undefined;
  return { stage: project, passed: r.passed, failed, note, failures: r.failures };
}

/**
 * The app's production build, once, before the stages that start the app: integration tests that run
 * `npm start`'s server and the end-to-end tests. Skipped when the build is newer than the sources. Its type
 * pass is left out: the typecheck stage has checked the same code (next.config.js).
 */
async function build(): Promise<Result> {
  if (buildIsCurrent(process.cwd()))
    return { stage: "build", passed: 0, failed: 0, skipped: "the build is newer than the sources" };
  const code = await run(bin("next"), ["build"], { DOSSIER_TYPES_CHECKED: "1" });
  return { stage: "build", passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
}

async function seeds(): Promise<Result> {
  if (seedsDir()) return vitest("seeds");
  console.log(`\n${SEEDS_MISSING}`);
  return { stage: "seeds", passed: 0, failed: 0, skipped: SEEDS_ABSENT };
}

/** End-to-end tests, counted per Playwright project (desktop, phone), so the summary shows each. */
async function e2e(): Promise<Result[]> {
  const chromium = testChromium();
  if (!existsSync(chromium)) {
    console.error(`\n✖ End-to-end tests need Chromium, and none was found at ${chromium}.\n  ${CHROMIUM_MISSING}`);
    return [{ stage: "e2e", passed: 0, failed: 1, note: "Chromium not found" }];
  }
  const out = path.join(reports, "e2e.json");
  // The typecheck stage has checked every type the app's build would (its route types included): the
  // build the web server starts skips that second pass (next.config.js).
  const code = await run(bin("playwright"), ["test"], { E2E_REPORT_FILE: out, DOSSIER_TYPES_CHECKED: "1" });
  if (!existsSync(out))
    return [{ stage: "e2e", passed: 0, failed: 1, note: `playwright exited with ${code} before reporting` }];
  const r = JSON.parse(await readFile(out, "utf8")) as { suites: PlaywrightSuite[]; errors?: unknown[] };
  const results: Result[] = [...playwrightCounts(r.suites, "tests/e2e")].map(([project, n]) => ({
    stage: `e2e ${project}`,
    passed: n.passed,
    failed: n.failed,
    note: n.skipped ? `${n.skipped} skipped` : undefined,
    failures: n.failures,
  }));
  // A run that failed outside any test (the web server, a broken import) still counts as a failure.
  const testFailures = results.reduce((k, x) => k + x.failed, 0);
  if (code !== 0 && testFailures === 0)
    results.push({ stage: "e2e", passed: 0, failed: 1, note: `playwright exited with ${code}` });
  if (results.length === 0) results.push({ stage: "e2e", passed: 0, failed: 1, note: "no tests ran" });
  return results;
}

await rm(reports, { recursive: true, force: true });
await mkdir(reports, { recursive: true });

const results: Result[] = [];
const started = performance.now();
results.push(
  ...(await checks([
    // Next's route types first (what `next build` would write), so tsc checks the routes too.
    {
      stage: "typecheck",
      steps: [
        { cmd: bin("next"), args: ["typegen"] },
        { cmd: bin("tsc"), args: ["--noEmit"] },
      ],
    },
    { stage: "lint", steps: [{ cmd: bin("eslint"), args: ["--max-warnings=0", "."] }] },
    { stage: "format", steps: [{ cmd: bin("prettier"), args: ["--check", "."] }] },
  ])),
);
results.push(await timed(() => vitest("unit")));
results.push(await timed(build));
results.push(await timed(() => vitest("integration")));
results.push(await timed(seeds));
results.push(...(await timed(e2e)));

const wall = (seconds: number) =>
  seconds >= 60
    ? `${Math.floor(seconds / 60)} min ${String(Math.floor(seconds % 60)).padStart(2, "0")} s`
    : `${seconds.toFixed(1)} s`;
// What failed, just above the summary: the last lines of a long run (all a CI log may keep) name it.
const failures = results.flatMap((r) => (r.failures ?? []).map((f) => `  ✖ ${r.stage}: ${f}`));
const SHOWN = 20;
if (failures.length > 0)
  console.log(
    `\nFailed (each in full above)\n${failures.slice(0, SHOWN).join("\n")}` +
      (failures.length > SHOWN ? `\n  … and ${failures.length - SHOWN} more` : ""),
  );
console.log("\nSummary (wall time of each stage; typecheck, lint and format ran side by side)");
for (const r of results) {
  if (r.skipped) {
    console.log(`  – ${r.stage.padEnd(12)} skipped: ${r.skipped}`);
    continue;
  }
  console.log(
    `  ${r.failed ? "✖" : "✔"} ${r.stage.padEnd(13)} ${(r.seconds === undefined ? "" : wall(r.seconds)).padStart(12)}  ` +
      `${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ""}`,
  );
}
console.log(`  whole run ${wall((performance.now() - started) / 1000)}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
