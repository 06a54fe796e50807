import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";
import { env, requireDatabaseUrl } from "../env.ts";

export type Db = InstanceType<typeof PrismaClient>;

type Handles = { pool: pg.Pool; db: Db };

// One pool and one client per process. Kept on globalThis so development
// hot reloads do not open a new pool on every edit.
const globalForDb = globalThis as unknown as { __dossierDb?: Handles };

/** A client of its own for a given database (start-up tasks, tools); close it when done. */
export function createDbClient(connectionString: string, max = 2): Handles & { close: () => Promise<void> } {
  const h = create(connectionString, max);
  return {
    ...h,
    close: async () => {
      await h.db.$disconnect();
      await h.pool.end();
    },
  };
}

function create(connectionString = requireDatabaseUrl(), max = env().DATABASE_POOL_SIZE): Handles {
  const wait = env().DATABASE_POOL_TIMEOUT_MS;
  // pg waits for a free connection without end unless told otherwise; past the wait the
  // request is answered 503 (server/http/unavailable.ts) instead of hanging.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: wait });
  // An idle connection dropped by the server (restart, shutdown) is replaced on
  // the next checkout; without a listener pg would crash the process instead.
  pool.on("error", () => {});
  const db = new PrismaClient({
    adapter: new PrismaPg(pool),
    // Prisma's own defaults (2 s to start, 5 s to finish) fail transactions that merely queue
    // behind others under load (fifty saves of one event wait for its row lock in turn).
    transactionOptions: { maxWait: wait, timeout: 15_000 },
  });
  return { pool, db };
}

function handles(): Handles {
  globalForDb.__dossierDb ??= create();
  return globalForDb.__dossierDb;
}

/** The Prisma client. Services use this; routers never do. */
export const db: Db = new Proxy({} as Db, {
  get(_t, prop) {
    const target = handles().db as unknown as Record<string | symbol, unknown>;
    const value = target[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
});

/** The raw pool, for the few places that need plain SQL (rate limiter, health). */
export function pool(): pg.Pool {
  return handles().pool;
}

export async function closeDb(): Promise<void> {
  const h = globalForDb.__dossierDb;
  globalForDb.__dossierDb = undefined;
  if (h) {
    await h.db.$disconnect();
    await h.pool.end();
  }
}
