import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startApp } from "../bench/app-process";
// The suite's own `test`, although this story needs none of its fixtures (a team is made only when a test asks
// for one). With another fixture set it needs a worker of its own, and Playwright handed it out after every
// other test: the run ended with this long story running alone.
import { expect, test } from "./fixtures";
import { E2E_PORT } from "./support/env";

/**
 * `npm start` as a user runs it: first start seeds, Ctrl-C stops the app and
 * the embedded database, and a second start reuses the data without seeding
 * again. Uses the build the web server of this run already made. The one
 * spec that uses the demo seed as such: it checks that seed.
 */
test("npm start: first start seeds, Ctrl-C stops cleanly, second start reuses the data", async () => {
  test.slow(); // a long story: three times the default timeout
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-lifecycle-"));
  // Away from the run's own server, and from other checkouts' runs on their own E2E_PORT.
  const port = E2E_PORT + 1000;
  try {
    const first = await startApp({ cwd: process.cwd(), port, dataDir });
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toEqual({ status: "ok", db: "ok" });
    await first.stop();
    // 0, or 130: the conventional status after Ctrl-C.
    expect([0, 130]).toContain(first.child.exitCode);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    // The embedded server removes its pid file when it shuts down cleanly.
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);

    const second = await startApp({ cwd: process.cwd(), port, dataDir });
    try {
      const signIn = await fetch(`http://127.0.0.1:${port}/api/auth/csrf`);
      expect(signIn.ok).toBe(true);
      // Same data: one demo workspace, five demo accounts, no second seed.
      const { readFile } = await import("node:fs/promises");
      const password = (await readFile(path.join(dataDir, "pg-password"), "utf8")).trim();
      const pgPort = Number((await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8")).split("\n")[3]);
      const client = new pg.Client({
        connectionString: `postgresql://dossier:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/dossier`,
      });
      await client.connect();
      const users = await client.query(`SELECT count(*)::int AS n FROM "User"`);
      const workspaces = await client.query(`SELECT count(*)::int AS n FROM "Workspace"`);
      await client.end();
      expect(users.rows[0].n).toBe(5);
      expect(workspaces.rows[0].n).toBe(1);
    } finally {
      await second.stop();
    }
    expect([0, 130]).toContain(second.child.exitCode);
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
