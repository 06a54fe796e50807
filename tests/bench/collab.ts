import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import * as Y from "yjs";
import type { Db } from "../../server/db/client.ts";
import { pollHealth, sessionCookie, startAppServer, trpcCall } from "../helpers/app-client.ts";
import { openLiveDoc, type LiveClient } from "../helpers/collab-client.ts";
import { waitUntil } from "../helpers/wait.ts";
import { percentile, sampleRss, treeCpuMs, type BenchRow } from "./bench-kit.ts";

/**
 * Twenty authors typing one briefing together over `/api/collab`:
 * - 20 members who may write, each with a live document open on one app
 *   server (tests/helpers/api-route-server.ts, which serves the same live
 *   editing module as `npm start`'s server, on its own embedded PostgreSQL);
 * - each types one character every ~150 ms (jittered) for 20 s at the end of
 *   their own line, as people type;
 * - latency: from a client's insert to the moment each of the 19 others has
 *   it, matched by the inserted item's Yjs id (client id and clock), so no
 *   marker text is needed. The clients share this process, so their own
 *   event loop is part of what is measured, as a browser's would be;
 * - at the end: every document holds the same text, every line is exactly
 *   what its author typed (no keystroke lost), and the saved body equals it;
 * - the server process's resident memory (sampled every 250 ms) and CPU time
 *   (the web server and the database apart) over the typing.
 * Measures and prints; asserts nothing but reports convergence as yes/no.
 */

const CLIENTS = Number(process.env.BENCH_COLLAB_CLIENTS ?? 20);
const TYPING_MS = Number(process.env.BENCH_COLLAB_SECONDS ?? 20) * 1000;
const KEY_EVERY_MS = 150;
const WORDS = "the quick brown fox jumps over the lazy dog ";

const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

export async function collabBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-collab-"));
  process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-000";
  const app = await startAppServer({ APP_SERVER_EMBEDDED_DIR: dir, LOG_LEVEL: "warn" });
  const clients: LiveClient[] = [];
  let database: { db: Db; close: () => Promise<void> } | null = null;
  try {
    // A client of its own for this database: in a whole `npm run bench` run, the server modules of this
    // process may already be bound to another part's database (they read DATABASE_URL once).
    const { createDbClient } = await import("../../server/db/client.ts");
    const { createSession } = await import("../../server/services/auth/index.ts");
    database = createDbClient(app.databaseUrl);
    const { db } = database;

    const tag = Date.now().toString(36);
    const workspace = await db.workspace.create({
      data: { name: "Bench: typing together", slug: `bench-collab-${tag}` },
      select: { id: true },
    });
    const users: { id: string; cookie: string }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const user = await db.user.create({
        data: { email: `bench-collab-${tag}-${i}@example.org`, name: `Bench Author ${i}` },
        select: { id: true },
      });
      await db.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "ANALYST" } });
      const sessionId = await createSession(db, user.id, { ip: "127.0.0.1", userAgent: "bench" });
      users.push({ id: user.id, cookie: await sessionCookie(sessionId) });
    }
    // The briefing, through the app's own API as its first author.
    const call = async <T>(procedure: string, input: unknown): Promise<T> => {
      const res = await trpcCall(app.base, procedure, input, { cookie: users[0]!.cookie });
      const json = (await res.json()) as { result?: { data: { json: T } } };
      if (!res.ok || !json.result) throw new Error(`${procedure} answered ${res.status}: ${JSON.stringify(json)}`);
      return json.result.data.json;
    };
    const lineOf = (i: number) => `Author ${i}: `;
    const body = users.map((_, i) => `${lineOf(i)}\n`).join("");
    const created = await call<{ id: string; version: number }>("briefing.create", {
      workspaceId: workspace.id,
      title: "Twenty authors",
    });
    const saved = await call<{ version: number }>("briefing.update", {
      id: created.id,
      version: created.version,
      body,
    });

    const pid = app.child.pid!;
    const rest = sampleRss(pid);
    await sleep(1_000);
    const atRest = rest.stop();
    const connectStarted = performance.now();
    for (const user of users)
      clients.push(await openLiveDoc(app.base, { cookie: user.cookie, briefingId: created.id }));
    const connectMs = performance.now() - connectStarted;

    // Which insert is which: "clientID:clock" → when it was typed; per receiver, what it has seen.
    const typedAt = new Map<string, number>();
    const latencies: number[] = [];
    let delivered = 0;
    let lastDeliveredAt = 0;
    for (const c of clients) {
      c.doc.on("update", (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
        if (tr.local) return;
        const now = performance.now();
        for (const s of Y.decodeUpdate(update).structs) {
          if (!(s instanceof Y.Item)) continue;
          for (let k = 0; k < s.length; k++) {
            const at = typedAt.get(`${s.id.client}:${s.id.clock + k}`);
            if (at === undefined) continue;
            latencies.push(now - at);
            delivered++;
            lastDeliveredAt = now;
          }
        }
      });
    }

    // Each author types at the end of their own line (a position that follows the text as others type).
    const cursors = clients.map((c, i) => {
      const text = c.text.toString();
      const end = text.indexOf("\n", text.indexOf(lineOf(i)));
      return Y.createRelativePositionFromTypeIndex(c.text, end);
    });
    const typed = clients.map(() => "");
    const versionBefore = saved.version;
    const cpuBefore = treeCpuMs(pid);
    const loadBefore = load();
    const rss = sampleRss(pid);
    // Where a slow delivery comes from: this process's own stalls (20 clients on a shared machine), or
    // the server's (its /api/health answered one request after another meanwhile).
    const clientLoop = monitorEventLoopDelay({ resolution: 10 });
    clientLoop.enable();
    const health = pollHealth(app.base, 100);
    const started = performance.now();
    const until = started + TYPING_MS;
    await Promise.all(
      clients.map(async (c, i) => {
        await sleep(Math.random() * KEY_EVERY_MS);
        for (let n = 0; performance.now() < until; n++) {
          const at = Y.createAbsolutePositionFromRelativePosition(cursors[i]!, c.doc);
          if (!at) throw new Error("A cursor lost its place");
          const ch = WORDS[(n + i) % WORDS.length]!;
          typedAt.set(`${c.doc.clientID}:${Y.getState(c.doc.store, c.doc.clientID)}`, performance.now());
          c.text.insert(at.index, ch);
          typed[i] += ch;
          await sleep(KEY_EVERY_MS * (0.6 + Math.random() * 0.8));
        }
      }),
    );
    const typingMs = performance.now() - started;
    const inserts = typed.reduce((s, t) => s + t.length, 0);
    const expected = inserts * (CLIENTS - 1);
    // Until every other document has every keystroke (or a minute has gone).
    await waitUntil(() => delivered >= expected, "every keystroke to reach every client", 60_000).catch(() => {});
    const lastTypedAt = Math.max(...typedAt.values());
    const cpuAfter = treeCpuMs(pid);
    const windowMs = performance.now() - started;
    clientLoop.disable();
    const healthMs = (await health.stop()).map((h) => h.ms);
    const memory = rss.stop();
    const loadAfter = load();

    const texts = clients.map((c) => c.text.toString());
    const same = texts.every((t) => t === texts[0]);
    const lines = texts[0]!.split("\n");
    const intact = users.every((_, i) => lines[i] === lineOf(i) + typed[i]);
    await clients[0]!.flush(60_000);
    const row = await db.briefing.findUniqueOrThrow({
      where: { id: created.id },
      select: { body: true, version: true },
    });
    const wallS = typingMs / 1000;

    rows.push({
      metric: `collab: ${CLIENTS} authors typing one briefing for ${Math.round(wallS)} s, a key every ~${KEY_EVERY_MS} ms each`,
      value: `${inserts}`,
      target: "",
    });
    rows.push({
      metric: "  load average (1 / 5 / 15 min) before → after",
      value: `${loadBefore} → ${loadAfter}`,
      target: "",
    });
    rows.push({ metric: `  ${CLIENTS} clients connected and synced in`, value: ms(connectMs), target: "" });
    rows.push({
      metric: "  updates delivered to the other clients / expected",
      value: `${delivered} / ${expected}`,
      target: "all",
    });
    if (latencies.length) {
      rows.push({
        metric: "  insert → seen by each other client, p50 / p95 / p99",
        value: `${ms(percentile(latencies, 0.5))} / ${ms(percentile(latencies, 0.95))} / ${ms(percentile(latencies, 0.99))}`,
        target: "",
      });
      rows.push({ metric: "  … max", value: ms(Math.max(...latencies)), target: "" });
    }
    rows.push({
      metric: "  this process's event-loop delay (the clients' side), p99 / max",
      value: `${ms(clientLoop.percentile(99) / 1e6)} / ${ms(clientLoop.max / 1e6)}`,
      target: "",
    });
    if (healthMs.length)
      rows.push({
        metric: `  server's /api/health meanwhile (${healthMs.length} calls), p50 / p95 / max`,
        value: `${ms(percentile(healthMs, 0.5))} / ${ms(percentile(healthMs, 0.95))} / ${ms(Math.max(...healthMs))}`,
        target: "",
      });
    rows.push({
      metric: "  last keystroke typed → last update delivered",
      value: ms(Math.max(0, lastDeliveredAt - lastTypedAt)),
      target: "",
    });
    rows.push({
      metric: "  documents converged (all equal, each line exactly its author's keystrokes)",
      value: same && intact ? "yes" : `NO (equal: ${same}, lines intact: ${intact})`,
      target: "yes",
    });
    rows.push({
      metric: "  saved body equals the documents after a flush",
      value: row.body === texts[0] ? "yes" : "NO",
      target: "yes",
    });
    rows.push({
      metric: "  body saves (versions written) during the run",
      value: String(row.version - versionBefore),
      target: "",
    });
    rows.push({
      metric: "  server RSS: before clients → peak while typing (mean)",
      value: `${mb(atRest.peakKb)} → ${mb(memory.peakKb)} (${mb(memory.meanKb)})`,
      target: "",
    });
    rows.push({
      metric: "  server CPU while typing (and settling): web server / database, share of one core",
      value: `${(((cpuAfter.app - cpuBefore.app) / windowMs) * 100).toFixed(0)}% / ${(((cpuAfter.db - cpuBefore.db) / windowMs) * 100).toFixed(0)}%`,
      target: "",
    });
  } finally {
    for (const c of clients) c.close();
    await database?.close().catch(() => {});
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
