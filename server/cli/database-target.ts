import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, SUPERUSER } from "../db/embedded.ts";

export type DatabaseTarget = {
  url: string;
  /** Says which database, for the command's output (never the password). */
  description: string;
  close: () => Promise<void>;
};

/** The embedded server of a running `npm start`, found from the postmaster.pid PostgreSQL keeps in its cluster. */
async function runningEmbedded(dataDir: string): Promise<string | null> {
  const pidFile = path.join(dataDir, "pg", "postmaster.pid");
  const passwordFile = path.join(dataDir, "pg-password");
  if (!existsSync(pidFile) || !existsSync(passwordFile)) return null;
  // Line 1 is the server's process id, line 4 its port.
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive, but run by another user (the postgres user, when the app runs as root).
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  const password = (await readFile(passwordFile, "utf8")).trim();
  return `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/dossier`;
}

/**
 * The database a command-line tool works on: DATABASE_URL when set;
 * otherwise the embedded database of `npm start` — the running server when
 * the app is up (a backup then runs beside the app), or a server started for
 * the command on the same data directory and stopped after it.
 */
export async function openDatabase(opts: { dataDir: string; log?: (line: string) => void }): Promise<DatabaseTarget> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const u = new URL(external);
    return {
      url: external,
      description: `database "${u.pathname.slice(1)}" on ${u.hostname}:${u.port || 5432} (DATABASE_URL)`,
      close: async () => {},
    };
  }
  const dataDir = path.resolve(opts.dataDir);
  const running = await runningEmbedded(dataDir);
  if (running) {
    const probe = new pg.Client({ connectionString: running });
    try {
      await probe.connect();
      return {
        url: running,
        description: `the embedded database in ${dataDir} (served by the running app)`,
        close: async () => {},
      };
    } catch {
      // A stale pid file, or a server shutting down: start one of our own below.
    } finally {
      await probe.end().catch(() => {});
    }
  }
  const server = await startEmbeddedPostgres({ dataDir, port: 0, log: opts.log });
  await server.ensureDatabase("dossier");
  return {
    url: server.url("dossier"),
    description: `the embedded database in ${dataDir}`,
    close: () => server.stop(),
  };
}

/**
 * Ends the command with this exit code once its output is written. Set as
 * process.exitCode alone, a failure could end as 0: the embedded PostgreSQL
 * package's exit hook ends the process itself.
 */
export async function exitWith(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write("", () => resolve()));
  process.exit(code);
}
