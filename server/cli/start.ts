import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedServer } from "../db/embedded.ts";
import { prepareDatabase } from "../db/prepare.ts";
import { startBackupSchedule } from "../backup/schedule.ts";
import { buildIsCurrent } from "./build-state.ts";

/**
 * `npm start`: one command from a fresh clone to a running app. Starts the
 * embedded PostgreSQL unless DATABASE_URL is set (and restarts it, with
 * backoff, whenever it dies), applies migrations, seeds the demo workspace
 * into an empty embedded database, builds when the build is missing or older
 * than the sources, then serves.
 */
const root = process.cwd();
const dataDir = path.resolve(process.env.DOSSIER_DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const say = (line: string) => console.log(`[dossier] ${line}`);

async function ensureSecret(): Promise<void> {
  if (process.env.NEXTAUTH_SECRET) return;
  const file = path.join(dataDir, "auth-secret");
  await mkdir(dataDir, { recursive: true });
  if (!existsSync(file)) await writeFile(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.NEXTAUTH_SECRET = (await readFile(file, "utf8")).trim();
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: process.env });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

async function main() {
  let embedded: EmbeddedServer | null = null;
  const external = Boolean(process.env.DATABASE_URL);
  if (!external) {
    say(`Starting the embedded PostgreSQL (data in ${path.relative(root, dataDir) || "."}/pg)`);
    // Supervised: if the database dies, it is restarted (the app answers 503 meanwhile).
    embedded = await startEmbeddedPostgres({ dataDir, log: say, supervise: true });
    await embedded.ensureDatabase("dossier");
    process.env.DATABASE_URL = embedded.url("dossier");
  } else {
    say("Using the PostgreSQL server in DATABASE_URL");
  }

  let stopping = false;
  let backups: { stop: () => Promise<void> } | null = null;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    say("Stopping…");
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    // A scheduled backup under way finishes first; its snapshot needs the database.
    await backups?.stop().catch(() => {});
    const { closeDb } = await import("../db/client.ts");
    await closeDb().catch(() => {});
    await embedded?.stop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  let server: ChildProcess | undefined;
  try {
    await ensureSecret();
    process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

    const seedWanted = !external || process.env.DOSSIER_SEED_DEMO === "1";
    // The demo seed is a command of its own (prisma/seed.ts), run only into an empty database.
    const seedIfEmpty = async () => run(process.execPath, ["--import", "tsx", path.join(root, "prisma/seed.ts")]);
    const { applied } = await prepareDatabase({
      url: process.env.DATABASE_URL!,
      seedIfEmpty: seedWanted ? seedIfEmpty : undefined,
      log: say,
    });
    if (applied.length === 0) say("Database schema is up to date");

    if (!buildIsCurrent(root)) {
      say("Building the app (first start or sources changed)…");
      await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"]);
    }

    (process.env as Record<string, string>).NODE_ENV = "production";
    server = spawn(process.execPath, [path.join(root, "server/cli/serve.mjs")], {
      env: process.env,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    server.on("exit", (code) => {
      if (!stopping) {
        say(`The web server stopped unexpectedly (exit code ${code}).`);
        void stop(1);
      }
    });
    await new Promise<void>((resolve, reject) => {
      server!.once("message", () => resolve());
      server!.once("exit", () => reject(new Error("The web server did not start.")));
    });

    // Opt-in (BACKUP_INTERVAL_HOURS); beside the web server, so compressing a backup never holds up a request.
    backups = await startBackupSchedule({ url: process.env.DATABASE_URL!, dataDir, log: say });
    say(`Dossier is running at http://localhost:${port}`);
    if (seedWanted) say("Demo accounts: see README.md (password dossier-demo).");
    say("Press Ctrl-C to stop.");
  } catch (err) {
    console.error(`[dossier] ${(err as Error).message}`);
    await stop(1);
  }
}

void main();
