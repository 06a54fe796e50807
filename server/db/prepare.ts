import pg from "pg";
import { createDbClient, type Db } from "./client.ts";
import { migrate } from "./migrate.ts";

// Distinct from the migration lock, so seeding never waits behind itself.
const SEED_LOCK_KEY = 4_711_230_999;

export type PrepareResult = { applied: string[]; seeded: boolean };

/**
 * Start-up work every instance does: migrate, then seed the demo workspace
 * into an empty database when asked. Both steps run under Postgres advisory
 * locks, so several instances starting at once against one database end with
 * one schema and one demo workspace.
 */
export async function prepareDatabase(opts: {
  url: string;
  /**
   * Fills an empty database, called at most once across instances. The
   * caller passes it in (the demo seed lives in prisma/, above the server),
   * so the server never loads seed data itself.
   */
  seedIfEmpty?: (target: { url: string; db: Db }) => Promise<void>;
  log?: (line: string) => void;
}): Promise<PrepareResult> {
  const { applied } = await migrate(opts.url, { log: opts.log });
  if (!opts.seedIfEmpty) return { applied, seeded: false };

  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [SEED_LOCK_KEY]);
    try {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "User"`);
      if (rows[0]?.n !== "0") return { applied, seeded: false };
      opts.log?.("Empty database: seeding the demo workspace");
      const target = createDbClient(opts.url);
      try {
        await opts.seedIfEmpty({ url: opts.url, db: target.db });
      } finally {
        await target.close();
      }
      return { applied, seeded: true };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [SEED_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
