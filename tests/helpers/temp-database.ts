import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { withDatabase } from "./global-setup.ts";

/**
 * Empty databases (not copies of the migrated template) for tests of start-up
 * itself: the migration runner and the first-start seed. Call `drop` when done.
 */
export type TempDatabase = { name: string; url: string; drop: () => Promise<void> };

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export async function createTempDatabase(): Promise<TempDatabase> {
  const name = `dossier_tmp_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return {
    name,
    url: withDatabase(inject("adminDatabaseUrl"), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** One query against a database, on a connection of its own. */
export async function queryAt<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
