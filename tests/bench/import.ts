import { rm } from "node:fs/promises";
import path from "node:path";
import { readSeed, SEED_FILES } from "../helpers/seeds.ts";
import { signInCookie, startApp } from "./app-process.ts";
import { percentile, type BenchRow } from "./bench-kit.ts";

/**
 * The importer through the production server, over HTTP as the browser uses it:
 * - a 50 KB article: from the request until the job reports its candidates ready;
 * - the 47 KB timeline dossier (35 sources and their candidates), then read again;
 * - 20 imports at once while another client keeps asking for a small tRPC
 *   query: the latency that client sees is what "the app keeps answering" means.
 *   The 20 importers poll their job every 400 ms, as the progress screen does.
 */
const ms = (x: number) => `${Math.round(x)} ms`;

/** Paragraphs of the three articles, repeated to about `bytes`, made unique by a first line. */
function article(bytes: number, n: number): string {
  const body = [SEED_FILES.reuters, SEED_FILES.cemo, SEED_FILES.asharq].map(readSeed).join("\n\n");
  let text = `Bench copy ${n}: a long article on Iran and the Taliban\n\n`;
  while (Buffer.byteLength(text) < bytes) text += `${body}\n\n`;
  return text.slice(0, bytes);
}

type Client = { base: string; cookie: string };

async function trpc<T>(c: Client, procedure: string, input: unknown, method: "GET" | "POST"): Promise<T> {
  const url =
    method === "GET"
      ? `${c.base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`
      : `${c.base}/api/trpc/${procedure}`;
  const res = await fetch(
    url,
    method === "GET"
      ? { headers: { cookie: c.cookie } }
      : {
          method,
          headers: { cookie: c.cookie, "content-type": "application/json" },
          body: JSON.stringify({ json: input }),
        },
  );
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!res.ok || !body.result)
    throw new Error(`${procedure} failed: ${res.status} ${JSON.stringify(body.error).slice(0, 300)}`);
  return body.result.data.json;
}

type Job = {
  status: string;
  createdAt: string;
  finishedAt: string | null;
  counts: Record<string, number>;
  error: string | null;
};

/** Starts an import and polls until it is done; returns the wall time the analyst waits and the server's own time. */
async function timedImport(c: Client, input: Record<string, unknown>, pollMs = 25, onStarted?: () => void) {
  const t0 = performance.now();
  const started = await trpc<{ status: string; jobId: string }>(c, "import.start", input, "POST");
  onStarted?.();
  if (started.status !== "started") throw new Error(`import not started: ${started.status}`);
  for (;;) {
    const job = await trpc<Job>(c, "import.job", { jobId: started.jobId }, "GET");
    if (job.status === "DONE" || job.status === "FAILED") {
      if (job.status === "FAILED") throw new Error(`import failed: ${job.error}`);
      return {
        wallMs: performance.now() - t0,
        serverMs: new Date(job.finishedAt!).getTime() - new Date(job.createdAt).getTime(),
        candidates: job.counts.PENDING ?? 0,
      };
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export async function importBench(root: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dataDir = path.resolve(root, ".data/bench-import");
  await rm(dataDir, { recursive: true, force: true });
  const port = 3294;
  const app = await startApp({ cwd: root, port, dataDir });
  const base = `http://127.0.0.1:${port}`;
  try {
    const c: Client = { base, cookie: await signInCookie(base, "analyst@dossier.local", "dossier-demo") };
    const workspaces = await trpc<{ id: string; slug: string }[]>(c, "workspace.list", undefined, "GET");
    const workspaceId = workspaces.find((w) => w.slug === "iran-taliban-al-qaeda")!.id;
    const pubDate = { year: 2021, month: 8, day: 17 };

    // Warm-up: the first import loads chrono's and compromise's code and data.
    await timedImport(c, { workspaceId, text: article(5_000, 0), pubDate });

    const runs = [];
    for (let i = 1; i <= 5; i++)
      runs.push(
        await timedImport(c, { workspaceId, title: `Bench article ${i}`, text: article(50 * 1024, i), pubDate }),
      );
    rows.push({
      metric: `import of a 50 KB article (${runs[0]!.candidates} candidates): until ready, median / max of 5`,
      value: `${ms(
        percentile(
          runs.map((r) => r.wallMs),
          0.5,
        ),
      )} / ${ms(Math.max(...runs.map((r) => r.wallMs)))}`,
      target: "≤ 500 ms",
    });
    rows.push({
      metric: "  of which in the background job (server clock)",
      value: ms(
        percentile(
          runs.map((r) => r.serverMs),
          0.5,
        ),
      ),
      target: "",
    });

    const dossier = readSeed(SEED_FILES.timeline);
    const fileInput = { fileName: SEED_FILES.timeline, contentBase64: Buffer.from(dossier).toString("base64") };
    const first = await timedImport(c, { workspaceId, file: fileInput });
    rows.push({
      metric: `import of the 47 KB dossier, first time (35 sources, ${first.candidates} candidates)`,
      value: ms(first.wallMs),
      target: "≤ 1 s",
    });
    const again = [];
    for (let i = 0; i < 3; i++) again.push(await timedImport(c, { workspaceId, file: fileInput, reuseExisting: true }));
    rows.push({
      metric: "  read again from its sources, median of 3",
      value: ms(
        percentile(
          again.map((r) => r.wallMs),
          0.5,
        ),
      ),
      target: "",
    });

    // Another reader's request, all along.
    const probe = async () => {
      const t0 = performance.now();
      await trpc(c, "workspace.list", undefined, "GET");
      return performance.now() - t0;
    };
    const sample = async (until: () => boolean, phase: () => number = () => 0) => {
      const latencies: number[] = [];
      const byPhase: number[][] = [[], []];
      const inFlight: Promise<void>[] = [];
      while (!until()) {
        const p = phase();
        inFlight.push(
          probe().then((l) => {
            latencies.push(l);
            byPhase[p]!.push(l);
          }),
        );
        await new Promise((r) => setTimeout(r, 50));
      }
      await Promise.all(inFlight);
      return Object.assign(latencies, { byPhase });
    };
    const quietUntil = performance.now() + 5_000;
    const quiet = await sample(() => performance.now() > quietUntil);
    let finished = 0;
    let submitted = 0;
    const t0 = performance.now();
    const imports = Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        timedImport(
          c,
          { workspaceId, title: `Concurrent ${i}`, text: article(50 * 1024, 100 + i), pubDate },
          400,
          () => submitted++,
        ).then((r) => (finished++, r)),
      ),
    );
    const busy = await sample(
      () => finished === 20,
      () => (submitted < 20 ? 0 : 1),
    );
    const all = await imports;
    const allMs = performance.now() - t0;
    rows.push({
      metric: "workspace.list alone, every 50 ms: p50 / p95",
      value: `${ms(percentile(quiet, 0.5))} / ${ms(percentile(quiet, 0.95))}`,
      target: "",
    });
    rows.push({
      metric: `same during 20 imports of 50 KB at once (${busy.length} requests): p50 / p95 / max`,
      value: `${ms(percentile(busy, 0.5))} / ${ms(percentile(busy, 0.95))} / ${ms(Math.max(...busy))}`,
      target: "p95 ≤ 100 ms",
    });
    const [submitting, parsing] = busy.byPhase;
    if (submitting!.length)
      rows.push({
        metric: `  while the 20 are being submitted (${submitting!.length} requests): p50 / p95`,
        value: `${ms(percentile(submitting!, 0.5))} / ${ms(percentile(submitting!, 0.95))}`,
        target: "",
      });
    if (parsing!.length)
      rows.push({
        metric: `  while they are read, one after another (${parsing!.length} requests): p50 / p95`,
        value: `${ms(percentile(parsing!, 0.5))} / ${ms(percentile(parsing!, 0.95))}`,
        target: "",
      });
    rows.push({
      metric: "  20 imports: all ready after / slowest single",
      value: `${ms(allMs)} / ${ms(Math.max(...all.map((r) => r.wallMs)))}`,
      target: "",
    });
  } finally {
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return rows;
}
