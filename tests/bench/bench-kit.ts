import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** One line of the table `npm run bench` prints. */
export type BenchRow = { metric: string; value: string; target: string };

/** The p-th percentile (0 < p ≤ 1) of a non-empty sample, nearest-rank. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

/**
 * Runs `fn` in-process against a throw-away embedded PostgreSQL, migrated and
 * seeded with the demo workspace as on a first start. The server modules read
 * DATABASE_URL once, on first use, so it is set before any of them loads.
 */
export async function withDemoDatabase<T>(name: string, fn: (url: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `dossier-bench-${name}-`));
  const { startEmbeddedPostgres } = await import("../../server/db/embedded.ts");
  const server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
  try {
    await server.ensureDatabase("dossier");
    const url = server.url("dossier");
    process.env.DATABASE_URL = url;
    process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-000";
    const { prepareDatabase } = await import("../../server/db/prepare.ts");
    const { seedDemo } = await import("../../prisma/seed.ts");
    await prepareDatabase({ url, seedIfEmpty: ({ db }) => seedDemo({ db }) });
    return await fn(url);
  } finally {
    try {
      const { closeDb } = await import("../../server/db/client.ts");
      await closeDb();
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }
}
