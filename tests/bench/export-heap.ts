import { percentile, withDemoDatabase, type BenchRow } from "./bench-kit.ts";

/**
 * `BENCH_ONLY=export-heap` (run node with --expose-gc): what a chronology
 * export keeps in memory, as opposed to what it merely allocates. The code
 * the export worker runs is called on this thread, on the demo database grown
 * to N events, the file is read to its end, and every second the heap is
 * collected and its live size (V8 heap + buffers outside it) sampled. Resident memory of a
 * server only says how far V8 let garbage pile up before collecting it; the
 * live size after a full collection says whether the export holds on to rows.
 * Flat means the same peak for 10,000 and 50,000 events.
 */
export async function exportHeapBench(): Promise<BenchRow[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("Run with node --expose-gc (NODE_OPTIONS=--expose-gc)");
  const rows: BenchRow[] = [];
  process.env.LOG_LEVEL ??= "warn";
  await withDemoDatabase("export-heap", async () => {
    const { db } = await import("../../server/db/client.ts");
    const { toDateColumns } = await import("../../server/lib/event-date-columns.ts");
    const { exportChronology } = await import("../../server/services/event/index.ts");
    const { chronologyFile } = await import("../../server/export/chronology-export.ts");
    const { exportEventsSchema } = await import("../../server/schemas/event.ts");
    const ws = await db.workspace.findFirstOrThrow({ where: { slug: "iran-taliban-al-qaeda" }, select: { id: true } });
    const analyst = await db.user.findFirstOrThrow({ where: { email: "analyst@dossier.local" }, select: { id: true } });
    const source = await db.source.findFirstOrThrow({
      where: { workspaceId: ws.id },
      select: { id: true, text: true },
    });

    let made = 0;
    const grow = async (to: number) => {
      for (; made < to; made += 2000) {
        const batch = Array.from({ length: 2000 }, (_, i) => {
          const n = made + i;
          return {
            id: `heap-${String(n).padStart(6, "0")}`,
            workspaceId: ws.id,
            title: `Meeting ${n} of the border commission in Zaranj`,
            summary: "Officials discussed water rights on the Helmand, refugees and fuel shipments at the crossing.",
            status: "PUBLISHED" as const,
            createdById: analyst.id,
            updatedById: analyst.id,
            ...toDateColumns({
              start: { year: 1990 + (n % 35), month: 1 + (n % 12), day: 1 + (n % 28) },
              end: null,
              qualifier: "EXACT",
            }),
          };
        });
        await db.event.createMany({ data: batch });
        const quote = source.text.slice(0, 60);
        await db.citation.createMany({
          data: batch.map((e) => ({
            workspaceId: ws.id,
            eventId: e.id,
            sourceId: source.id,
            stance: "SUPPORTS" as const,
            quote,
            startOffset: 0,
            endOffset: quote.length,
            createdById: analyst.id,
          })),
        });
      }
    };

    const live = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.external + m.arrayBuffers;
    };
    for (const size of [10_000, 50_000]) {
      await grow(size);
      for (const format of ["csv", "json"] as const) {
        // Growing the workspace leaves garbage that one collection right after does not free.
        await new Promise((r) => setTimeout(r, 500));
        gc();
        const rest = live();
        const samples: number[] = [];
        let rssPeak = process.memoryUsage().rss;
        const timer = setInterval(() => {
          rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
          samples.push(live());
        }, 1000);
        const t0 = performance.now();
        // The code the export worker runs (server/export/chronology-job.ts), here on this thread so its heap can be read.
        const { format: _f, ...input } = exportEventsSchema.parse({ workspaceId: ws.id, format });
        const exp = await exportChronology({ userId: analyst.id, ip: "127.0.0.1" }, input);
        let bytes = 0;
        for await (const chunk of chronologyFile(format, exp, {}).body) bytes += Buffer.byteLength(chunk);
        clearInterval(timer);
        const ms = performance.now() - t0;
        const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
        rows.push({
          metric: `export heap: ${format.toUpperCase()} of ${made.toLocaleString("en")} events (${mb(bytes)}, ${(ms / 1000).toFixed(1)} s): live memory after GC at rest → p50 / peak while exporting`,
          value: `${mb(rest)} → ${mb(percentile(samples.length ? samples : [rest], 0.5))} / ${mb(Math.max(rest, ...samples))}`,
          target: "flat",
        });
        rows.push({
          metric: "  process RSS peak (no forced collection between samples)",
          value: mb(rssPeak),
          target: "",
        });
      }
    }
  });
  return rows;
}
