import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { signInCookie, startApp } from "./app-process.ts";
import type { BenchRow } from "./bench-kit.ts";
import { javascriptPerPage } from "./http-mix.ts";

/**
 * `BENCH_ONLY=js`: the JavaScript each main screen ships (gzip), on the demo
 * workspace of a fresh `npm start` (build included). What a page loads does
 * not depend on how much data there is, so this is the quick way to compare
 * bundles before and after a change; the big workspace's HTTP run (curation)
 * reports the same figures next to Chromium's time to usable.
 */
export async function jsPerPageBench(root: string): Promise<BenchRow[]> {
  const port = Number(process.env.BENCH_JS_PORT ?? 3332);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-js-"));
  const app = await startApp({ cwd: root, port, dataDir, env: { LOG_LEVEL: "warn" } });
  try {
    const base = `http://127.0.0.1:${port}`;
    const cookie = await signInCookie(base, "analyst@dossier.local", "dossier-demo");
    const rpc = async <T>(procedure: string, input: unknown): Promise<T> => {
      const res = await fetch(
        `${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
        {
          headers: { cookie },
        },
      );
      const body = (await res.json()) as { result: { data: { json: T } } };
      return body.result.data.json;
    };
    const [ws] = await rpc<{ id: string; slug: string }[]>("workspace.list", undefined);
    const events = await rpc<{ items: { id: string; citationCount: number }[] }>("event.list", {
      workspaceId: ws!.id,
      limit: 100,
    });
    const event = [...events.items].sort((a, b) => b.citationCount - a.citationCount)[0]!;
    const sources = await rpc<{ items: { id: string }[] }>("source.list", { workspaceId: ws!.id, limit: 1 });
    const rows = await javascriptPerPage(base, cookie, [
      ["chronology", `/w/${ws!.slug}/events`],
      ["event page", `/w/${ws!.slug}/events/${event.id}`],
      ["source reader", `/w/${ws!.slug}/sources/${sources.items[0]!.id}`],
    ]);
    rows.push({
      metric: "  load average (1 / 5 / 15 min) after",
      value: os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" / "),
      target: "",
    });
    return rows;
  } finally {
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
