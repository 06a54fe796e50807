import pg from "pg";
import { expect } from "vitest";
import { until } from "./wait.ts";

/**
 * Cuts the listening connection (server/db/listener.ts) of each app instance on this file's database, as a
 * database restart would, and waits until every instance listens again on a new one. The new connection shows
 * in pg_stat_activity before its LISTENs are done.
 */
export async function cutListeners(instances: number): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    const listeners = async () =>
      (
        await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = 'dossier-listener' AND datname = current_database()`,
        )
      ).rows.map((r) => r.pid);
    const old = await listeners();
    expect(old).toHaveLength(instances);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [old]);
    await until(listeners, (now) => now.length === instances && now.every((p) => !old.includes(p)));
  } finally {
    await admin.end();
  }
}
