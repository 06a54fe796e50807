import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { BASE_URL, E2E_PORT } from "./tests/e2e/support/env";
import { CHROMIUM_MISSING, testChromium } from "./tests/helpers/chromium";

/**
 * End-to-end tests run the real app the way `npm start` does (embedded
 * PostgreSQL with the demo seed, production build) in Debian's Chromium
 * (its headless shell when installed: tests/helpers/chromium.ts).
 * Playwright cannot download its own browser on these machines.
 *
 * One web server serves the whole run; every test makes its own workspace and
 * accounts (tests/e2e/fixtures.ts), so tests run in parallel without sharing data.
 * Two projects: `desktop` (1440×900) runs every spec; `phone` (390×844, touch)
 * runs the *.phone.spec.ts files, which walk the main flows on a small screen.
 */
export const CHROMIUM = testChromium();
if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}. ${CHROMIUM_MISSING}`);

const dataDir = path.resolve(".data/e2e");
const launchOptions = {
  executablePath: CHROMIUM,
  // The closed network here refuses Chromium's background connections.
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./tests/e2e/support/global-setup.ts",
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  // Generous: the machines this runs on are shared and slow; a timeout only bounds a hang.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: process.env.E2E_REPORT_FILE
    ? [["list"], ["json", { outputFile: process.env.E2E_REPORT_FILE }]]
    : [["list"]],
  use: {
    baseURL: BASE_URL,
    // E2E_TRACE=1 keeps a failed test's trace: every action with the page's DOM before and after it, the network
    // and the console. Off by default: recording it for every test (to throw away the passing ones) cost about a
    // tenth of the run on two cores, and a run's summary shows the failure's step, error context and screenshot.
    trace: process.env.E2E_TRACE
      ? { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true }
      : "off",
    screenshot: "only-on-failure",
    launchOptions,
  },
  // Tests are handed out in this order. The phone project goes first: its stories walk twenty screens each, and
  // started last they would leave one worker running alone at the end.
  projects: [
    {
      name: "phone",
      testMatch: "**/*.phone.spec.ts",
      // A Pixel 7's screen and touch, still driven by Debian's Chromium.
      use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, launchOptions },
    },
    {
      name: "desktop",
      testIgnore: "**/*.phone.spec.ts",
      use: { viewport: { width: 1440, height: 900 } },
    },
  ],
  webServer: {
    // A fresh embedded database for every run, seeded with the demo workspace (its admin bootstraps the tests).
    command: `rm -rf "${dataDir}" && node --import tsx server/cli/start.ts`,
    url: `${BASE_URL}/api/health`,
    // Includes building the app when the build is older than the sources.
    timeout: 600_000,
    // E2E_REUSE_SERVER=1 keeps using an app already listening on E2E_PORT (handy while writing specs).
    reuseExistingServer: Boolean(process.env.E2E_REUSE_SERVER),
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(E2E_PORT),
      DOSSIER_DATA_DIR: dataDir,
      DATABASE_URL: "",
      NEXTAUTH_URL: BASE_URL,
      LOG_LEVEL: "warn",
    },
  },
});
