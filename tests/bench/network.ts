import os from "node:os";
import { sampleTimings, type BenchRow } from "./bench-kit.ts";
import { openBenchDatabase, prepareBigWorkspace } from "./curation.ts";

/**
 * `BENCH_ONLY=network`: the network of entities on the curation bench's
 * workspace (100,000 events, 5,000 entities, ~200,000 event–entity links;
 * BENCH_CURATION_SCALE shrinks it). Calls the procedures in-process through
 * `createCaller` with real sessions, as the demo analyst (drafts included)
 * and the demo viewer (published only): the whole network (co-occurrence in
 * SQL, top-N, layout and drawing), a date window, the "show more" sizes, a
 * credibility filter and the events behind the strongest link.
 */

const WARMUP = 2;
const RUNS = Number(process.env.BENCH_NETWORK_RUNS ?? 10);
const IP = "203.0.113.10";

export async function networkBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const database = await openBenchDatabase();
  try {
    const { generated, generateMs } = await prepareBigWorkspace(database.url);
    rows.push({
      metric: `network: generate ${generated.counts.events} events, ${generated.counts.entities} entities, ${generated.counts.links} links`,
      value: fmtMs(generateMs),
      target: "",
    });
    rows.push(...(await measure(generated.workspaceId)));
  } finally {
    try {
      const { closeDb } = await import("../../server/db/client.ts");
      await closeDb();
    } finally {
      await database.close();
    }
  }
  return rows;
}

async function measure(workspaceId: string): Promise<BenchRow[]> {
  const { db } = await import("../../server/db/client.ts");
  const { createCaller } = await import("../../server/root.ts");
  const { createContext } = await import("../../server/trpc.ts");
  const { createSession } = await import("../../server/services/auth/index.ts");
  const callerAs = async (email: string) => {
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    const sessionId = await createSession(db, user.id, { ip: IP, userAgent: "bench" });
    return async () => createCaller(await createContext({ sessionId, ip: IP }));
  };
  const analyst = await callerAs("analyst@dossier.local");
  const viewer = await callerAs("viewer@dossier.local");
  console.log(
    `network: load average before measuring ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")}`,
  );
  const rows: BenchRow[] = [];
  const row = (metric: string, t: Timing, target: string) =>
    rows.push({ metric, value: `${Math.round(t.p50)} / ${Math.round(t.p95)} ms`, target });

  const first = await (await analyst()).network.get({ workspaceId });
  console.log(
    `network: ${first.total.nodes} entities and ${first.total.edges} links in the whole workspace; ${first.graph.nodes.length} nodes and ${first.graph.edges.length} links sent`,
  );
  row(
    `network.get whole workspace, top ${first.graph.nodes.length} (analyst): p50 / p95`,
    await time(async () => (await analyst()).network.get({ workspaceId })),
    "p95 ≤ 1 s",
  );
  row(
    "network.get whole workspace (viewer, published only): p50 / p95",
    await time(async () => (await viewer()).network.get({ workspaceId })),
    "p95 ≤ 1 s",
  );
  row(
    "network.get 2005…2009: p50 / p95",
    await time(async () => (await analyst()).network.get({ workspaceId, from: "2005", to: "2009" })),
    "p95 ≤ 1 s",
  );
  row(
    "network.get min. 3 shared events, people only: p50 / p95",
    await time(async () => (await analyst()).network.get({ workspaceId, minWeight: 3, kinds: ["PERSON"] })),
    "p95 ≤ 1 s",
  );
  row(
    "network.get credibility 1–3 (viewer): p50 / p95",
    await time(async () => (await viewer()).network.get({ workspaceId, credibility: "3" })),
    "p95 ≤ 1 s",
  );
  row(
    'network.get after "show more" ×4 (600 nodes): p50 / p95',
    await time(async () => (await analyst()).network.get({ workspaceId, limit: 600 })),
    "p95 ≤ 2 s",
  );
  const strongest = [...first.graph.edges].sort((a, b) => b.weight - a.weight)[0];
  if (strongest) {
    row(
      `network.edgeEvents strongest link (${strongest.weight} events), first page: p50 / p95`,
      await time(async () =>
        (await analyst()).network.edgeEvents({ workspaceId, sourceId: strongest.source, targetId: strongest.target }),
      ),
      "p95 ≤ 100 ms",
    );
  }
  return rows;
}

type Timing = { p50: number; p95: number };

const time = (fn: () => Promise<unknown>, runs = RUNS) => sampleTimings(fn, runs, WARMUP);

function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
