import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { withDatabase } from "./global-setup.ts";

// Runs before each integration test file, before it imports any server code:
// the file gets a fresh copy of the migrated template database.
const adminUrl = inject("adminDatabaseUrl");
const template = inject("templateDatabase");
const name = `dossier_test_${randomBytes(6).toString("hex")}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
await admin.end();

process.env.DATABASE_URL = withDatabase(adminUrl, name);
process.env.NEXTAUTH_SECRET ??= "test-secret-that-is-at-least-32-characters-long";
(process.env as Record<string, string>).NODE_ENV = "test";

afterAll(async () => {
  // The job queue client, if the file queued or worked jobs: stopped before its database goes.
  const { stopJobQueue } = await import("../../server/jobs/queue.ts");
  await stopJobQueue(5_000);
  const { closeDb } = await import("../../server/db/client.ts");
  await closeDb();
  const a = new pg.Client({ connectionString: adminUrl });
  await a.connect();
  await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await a.end();
});
