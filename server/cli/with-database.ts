import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedServer } from "../db/embedded.ts";
import { migrate } from "../db/migrate.ts";

/**
 * For command-line tools: uses DATABASE_URL when set, otherwise starts the
 * embedded server on the same data directory `npm start` uses (stop the app
 * first: one cluster, one server).
 */
export async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
  let embedded: EmbeddedServer | null = null;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve(process.env.DOSSIER_DATA_DIR ?? ".data") });
    await embedded.ensureDatabase("dossier");
    process.env.DATABASE_URL = embedded.url("dossier");
  }
  try {
    await migrate(process.env.DATABASE_URL!);
    return await fn();
  } finally {
    const { closeDb } = await import("../db/client.ts");
    await closeDb();
    await embedded?.stop();
  }
}
