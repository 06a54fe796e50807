import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests run the real app the way `npm start` does (embedded
 * PostgreSQL with the demo seed, production build) in Debian's Chromium.
 * Playwright cannot download its own browser on these machines.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `No Chromium at ${CHROMIUM}. Install one with \`sudo apt-get install -y chromium\` (Debian/Ubuntu) ` +
      "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
  );
}

const PORT = Number(process.env.E2E_PORT ?? 3217);
const dataDir = path.resolve(".data/e2e");

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.E2E_REPORT_FILE
    ? [["list"], ["json", { outputFile: process.env.E2E_REPORT_FILE }]]
    : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
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
    },
  },
  webServer: {
    // A fresh embedded database for every run, seeded with the demo workspace.
    command: `rm -rf "${dataDir}" && node --import tsx server/cli/start.ts`,
    url: `http://localhost:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(PORT),
      DOSSIER_DATA_DIR: dataDir,
      DATABASE_URL: "",
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      LOG_LEVEL: "warn",
    },
  },
});
