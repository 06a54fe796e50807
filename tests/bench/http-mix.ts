import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { signInCookie, startApp } from "./app-process.ts";
import { percentile, sampleRss, treeCpuMs, type BenchRow } from "./bench-kit.ts";

/**
 * The big workspace over HTTP: `npm start`'s server (build, launcher, the
 * app's own Node server for `/api/trpc`) against the curation bench's database
 * (100,000 events, 30,000 sources), with 30 signed-in clients, each replaying
 * what a person does in the app, one request after another with a pause
 * between them. Two runs: pausing 50–250 ms (clicking without reading: the
 * server saturated, its capacity) and pausing 1–4 s (at a reading pace):
 *   chronology   a page of the event list, with filters (period, tag, has a citation) or paged by cursor
 *   event page   event.get + citation.forEvent in one batch, as the page sends them (50 citations)
 *   search       search as you type: four requests, one per prefix of a word
 *   review queue the reviewer's queue, first page
 *   reader       a source with a 200 KB text as the reader opens it: its details and the first 20,000 characters
 *   vote         a reliability vote on a published event
 *   save         an edit of the client's own draft (event.update with its version)
 * Reported per kind: p50 / p95 / p99 and count; the server's CPU (app and
 * database apart, per second of wall time) and the web server's memory.
 */

const CLIENTS = 30;
const SECONDS = Number(process.env.BENCH_MIX_SECONDS ?? 30);
const PACED_SECONDS = Number(process.env.BENCH_MIX_PACED_SECONDS ?? 60);
const PORT = Number(process.env.BENCH_MIX_PORT ?? 3294);

type Kind = "chronology" | "event page" | "search" | "review queue" | "reader" | "vote" | "save";
const WEIGHTS: [Kind, number][] = [
  ["chronology", 30],
  ["event page", 20],
  ["search", 12],
  ["review queue", 8],
  ["reader", 10],
  ["vote", 8],
  ["save", 12],
];
const WRITES = new Set<Kind>(["vote", "save"]);
const TAGS = ["diplomacy", "military", "nuclear", "sanctions", "border"];
const WORDS = ["negotiations", "delegation", "sanctions", "province", "ceasefire", "ambassador"];

export async function httpMixBench(opts: {
  root: string;
  databaseUrl: string;
  workspaceId: string;
  chosenEventId: string;
}): Promise<BenchRow[]> {
  const { root, databaseUrl, workspaceId, chosenEventId } = opts;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-mix-"));
  const rows: BenchRow[] = [];
  try {
    const fixtures = await prepare(client, workspaceId);
    const app = await startApp({
      cwd: root,
      port: PORT,
      dataDir,
      env: { DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", DATABASE_POOL_SIZE: "20" },
    });
    try {
      const base = `http://127.0.0.1:${PORT}`;
      const cookies: string[] = [];
      for (let i = 1; i <= CLIENTS; i++)
        cookies.push(await signInCookie(base, `mix${i}@dossier.local`, "dossier-demo"));
      const drafts = await Promise.all(cookies.map((cookie, i) => createDraft(base, cookie, workspaceId, i)));

      const timings = new Map<Kind, number[]>(WEIGHTS.map(([k]) => [k, []]));
      const failures = new Map<string, number>();
      const call = async (kind: Kind, cookie: string, url: string, body?: unknown) => {
        const t0 = performance.now();
        let problem: string | null = null;
        try {
          const res = await fetch(url, {
            method: body === undefined ? "GET" : "POST",
            headers: { cookie, "content-type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify({ json: body }),
          });
          const text = await res.text();
          if (!res.ok) problem = `${kind}: ${res.status} ${/"message":"([^"]{0,80})/.exec(text)?.[1] ?? ""}`;
          timings.get(kind)!.push(performance.now() - t0);
          return text;
        } catch (err) {
          problem = `${kind}: no answer (${(err as Error).message})`;
          return "";
        } finally {
          if (problem) failures.set(problem, (failures.get(problem) ?? 0) + 1);
        }
      };
      const q = (procedure: string, input: unknown) =>
        `${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

      // Warm the server's code paths once per kind before measuring.
      const warmRandom = mulberry(7);
      for (const [kind] of WEIGHTS)
        await act(kind, 0, warmRandom, cookies[0]!, drafts[0]!, {
          call,
          q,
          base,
          workspaceId,
          chosenEventId,
          fixtures,
        });

      /**
       * One run of the mix: every client replays what a person does, pausing
       * between clicks for `pause` ms. Its rows: requests, latencies per kind,
       * the server's CPU and memory.
       */
      const phase = async (label: string, seconds: number, pause: (random: () => number) => number) => {
        for (const t of timings.values()) t.length = 0;
        failures.clear();
        const load = os.loadavg();
        // The database is the bench's own embedded server, a child of this process like the app: this tree counts it.
        const { db: dbBefore, dbProcesses } = treeCpuMs(process.pid);
        const cpuBefore = treeCpuMs(app.child.pid!);
        const rss = sampleRss(app.child.pid!);
        const started = performance.now();
        const until = Date.now() + seconds * 1000;
        await Promise.all(
          cookies.map(async (cookie, i) => {
            const random = mulberry(1000 + i);
            // People do not all click in the same millisecond: each starts after a pause of its own.
            await new Promise((r) => setTimeout(r, pause(random)));
            while (Date.now() < until) {
              const kind = pick(random);
              await act(kind, i, random, cookie, drafts[i]!, { call, q, base, workspaceId, chosenEventId, fixtures });
              await new Promise((r) => setTimeout(r, pause(random)));
            }
          }),
        );
        const wallS = (performance.now() - started) / 1000;
        const cpuAfter = treeCpuMs(app.child.pid!);
        const dbCpuMs = treeCpuMs(process.pid).db - dbBefore;
        const memory = rss.stop();
        const total = [...timings.values()].reduce((n, t) => n + t.length, 0);
        rows.push({
          metric: `HTTP mix, ${label}: ${CLIENTS} clients for ${seconds} s on the big workspace: requests (req/s)`,
          value: `${total} (${(total / wallS).toFixed(0)})`,
          target: "",
        });
        rows.push({
          metric: "  load average (1 / 5 / 15 min) before",
          value: load.map((l) => l.toFixed(1)).join(" / "),
          target: "",
        });
        for (const [kind] of WEIGHTS) {
          const t = timings.get(kind)!;
          if (t.length === 0) continue;
          rows.push({
            metric: `  ${kind} (${t.length}): p50 / p95 / p99`,
            value: `${fmt(percentile(t, 0.5))} / ${fmt(percentile(t, 0.95))} / ${fmt(percentile(t, 0.99))} ms`,
            target: WRITES.has(kind) ? "p95 ≤ 200 ms" : "p95 ≤ 100 ms",
          });
        }
        rows.push({
          metric: "  server CPU, web server / database (cores busy on average)",
          // A database server given by DATABASE_URL is not this bench's child: its CPU cannot be read from here.
          value: `${((cpuAfter.app - cpuBefore.app) / 1000 / wallS).toFixed(2)} / ${dbProcesses ? (dbCpuMs / 1000 / wallS).toFixed(2) : "not counted (a server of its own)"}`,
          target: "",
        });
        rows.push({
          metric: "  web server memory (RSS) peak / mean",
          value: `${Math.round(memory.peakKb / 1024)} / ${Math.round(memory.meanKb / 1024)} MB`,
          target: "",
        });
        // Failures are kept by reason: the row counts requests, the log names each reason once.
        const failed = [...failures.values()].reduce((n, k) => n + k, 0);
        rows.push({ metric: "  failed requests", value: String(failed), target: "0" });
        if (failed)
          console.log(
            `http mix (${label}) failures:\n  ${[...failures].map(([why, n]) => `${n}× ${why}`).join("\n  ")}`,
          );
      };

      const {
        rows: [ws],
      } = await client.query<{ slug: string }>(`SELECT slug FROM "Workspace" WHERE id = $1`, [workspaceId]);
      rows.push(
        ...(await javascriptPerPage(base, cookies[0]!, [
          ["chronology", `/w/${ws!.slug}/events`],
          ["event page", `/w/${ws!.slug}/events/${chosenEventId}`],
          ["source reader", `/w/${ws!.slug}/sources/${fixtures.readerSourceId}`],
        ])),
      );
      if (process.env.BENCH_BROWSER !== "0") {
        const { browserTimings } = await import("./browser-timings.ts");
        const slug = (await client.query<{ slug: string }>(`SELECT slug FROM "Workspace" WHERE id = $1`, [workspaceId]))
          .rows[0]!.slug;
        rows.push(
          ...(await browserTimings(base, cookies[0]!, [
            { name: "chronology", path: `/w/${slug}/events`, ready: '[aria-label="Events"] li' },
            { name: "event page (50 citations)", path: `/w/${slug}/events/${chosenEventId}`, ready: "blockquote" },
            {
              name: "source reader (200 KB text)",
              path: `/w/${slug}/sources/${fixtures.readerSourceId}`,
              ready: '[data-testid="source-text"]',
              minText: 1000,
            },
          ])),
        );
      }

      // As fast as people click: a pause of 50–250 ms, so the server is kept saturated and the figures show its capacity.
      await phase("clicking without reading", SECONDS, (random) => 50 + random() * 200);
      // At a reading pace: 1–4 s between clicks, as people read what a click showed before the next one.
      await phase("at a reading pace", PACED_SECONDS, (random) => 1000 + random() * 3000);
    } finally {
      await app.stop();
    }
  } finally {
    await client.end();
    await rm(dataDir, { recursive: true, force: true });
  }
  return rows;
}

/**
 * The JavaScript a first visit to each page loads, compressed with gzip as a
 * server would send it: every script the page's HTML names (the chunks Next
 * writes into it; chunks it loads later on demand are not counted).
 */
export async function javascriptPerPage(base: string, cookie: string, pages: [string, string][]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [name, page] of pages) {
    const res = await fetch(base + page, { headers: { cookie } });
    const html = await res.text();
    if (!res.ok) throw new Error(`${page} answered ${res.status}`);
    const srcs = [...new Set([...html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!))];
    let raw = 0;
    let gz = 0;
    for (const src of srcs) {
      const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
      raw += body.length;
      gz += gzipSync(body, { level: 6 }).length;
    }
    rows.push({
      metric: `  JavaScript of the ${name} (${srcs.length} scripts): gzip (raw)`,
      value: `${Math.round(gz / 1024)} KB (${Math.round(raw / 1024)} KB)`,
      target: name === "chronology" ? "≤ 250 KB" : "",
    });
  }
  return rows;
}

type Fixtures = { readerSourceId: string; publishedEventIds: string[] };

/** The clients' accounts (reviewers: they read, write, vote and see the queue), and ids the mix uses. */
async function prepare(client: pg.Client, workspaceId: string): Promise<Fixtures> {
  const {
    rows: [hash],
  } = await client.query<{ passwordHash: string }>(
    `SELECT "passwordHash" FROM "User" WHERE email = 'analyst@dossier.local'`,
  );
  await client.query(
    `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
     SELECT 'mix-user-' || g, 'mix' || g || '@dossier.local', 'Mix Reviewer ' || g, $1, now() FROM generate_series(1, $2::int) g
     ON CONFLICT DO NOTHING`,
    [hash!.passwordHash, CLIENTS],
  );
  await client.query(
    `INSERT INTO "Membership" (id, "workspaceId", "userId", role, "updatedAt")
     SELECT 'mix-member-' || g, $1, 'mix-user-' || g, 'REVIEWER', now() FROM generate_series(1, $2::int) g
     ON CONFLICT DO NOTHING`,
    [workspaceId, CLIENTS],
  );
  // The curation bench's imports are the ~200 KB texts.
  const reader = await client.query<{ id: string; chars: number }>(
    `SELECT id, length(text) AS chars FROM "Source" WHERE "workspaceId" = $1 AND title LIKE 'Bench import %'
     ORDER BY length(text) DESC LIMIT 1`,
    [workspaceId],
  );
  if (!reader.rows[0]) throw new Error("No 200 KB source to read: run after the curation measurements");
  const published = await client.query<{ id: string }>(
    `SELECT id FROM "Event" WHERE "workspaceId" = $1 AND status = 'PUBLISHED' AND "deletedAt" IS NULL ORDER BY id LIMIT 500`,
    [workspaceId],
  );
  if (published.rows.length === 0) throw new Error("No published event to vote on");
  return { readerSourceId: reader.rows[0].id, publishedEventIds: published.rows.map((r) => r.id) };
}

type Draft = { eventId: string; version: number };

async function createDraft(base: string, cookie: string, workspaceId: string, i: number): Promise<Draft> {
  const res = await fetch(`${base}/api/trpc/event.create`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({
      json: { workspaceId, title: `Mix draft ${i}`, date: { start: { year: 2010, month: 1 + (i % 12) } } },
    }),
  });
  const body = (await res.json()) as { result?: { data: { json: { id: string; version: number } } } };
  if (!res.ok || !body.result) throw new Error(`Could not create a draft: ${res.status} ${JSON.stringify(body)}`);
  return { eventId: body.result.data.json.id, version: body.result.data.json.version };
}

type Ctx = {
  call: (kind: Kind, cookie: string, url: string, body?: unknown) => Promise<string>;
  q: (procedure: string, input: unknown) => string;
  base: string;
  workspaceId: string;
  chosenEventId: string;
  fixtures: Fixtures;
};

/** Cursors handed out by the chronology, per client, so "next page" continues where that client was. */
const cursors = new Map<number, string | null>();

async function act(kind: Kind, i: number, random: () => number, cookie: string, draft: Draft, c: Ctx) {
  const { call, q, base, workspaceId } = c;
  switch (kind) {
    case "chronology": {
      const r = random();
      const input: Record<string, unknown> = { workspaceId, limit: 50, order: "chronological" };
      if (r < 0.35 && cursors.get(i)) input.cursor = cursors.get(i);
      else if (r < 0.7) {
        const from = 2000 + Math.floor(random() * 15);
        Object.assign(input, {
          from: String(from),
          to: String(from + 3),
          tag: TAGS[Math.floor(random() * TAGS.length)],
        });
        if (random() < 0.5) input.hasCitation = "yes";
      }
      const text = await call(kind, cookie, q("event.list", input));
      cursors.set(i, /"nextCursor":"([^"]+)"/.exec(text)?.[1] ?? null);
      return;
    }
    case "event page": {
      const input = { 0: { json: { eventId: c.chosenEventId } }, 1: { json: { eventId: c.chosenEventId } } };
      await call(
        kind,
        cookie,
        `${base}/api/trpc/event.get,citation.forEvent?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
      );
      return;
    }
    case "search": {
      const word = WORDS[Math.floor(random() * WORDS.length)]!;
      for (const n of [4, 5, 7, word.length])
        await call(kind, cookie, q("search.query", { workspaceId, q: word.slice(0, n) }));
      return;
    }
    case "review queue":
      await call(kind, cookie, q("review.queue", { workspaceId, limit: 25 }));
      return;
    case "reader": {
      // As the reader asks: the details without the text, and the text's first part, in one batch.
      const sourceId = c.fixtures.readerSourceId;
      const input = { 0: { json: { sourceId, withText: false } }, 1: { json: { sourceId, cursor: 0 } } };
      await call(
        kind,
        cookie,
        `${base}/api/trpc/source.get,source.textChunk?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
      );
      return;
    }
    case "vote": {
      const ids = c.fixtures.publishedEventIds;
      const eventId = ids[Math.floor(random() * ids.length)]!;
      await call(kind, cookie, `${base}/api/trpc/vote.cast`, {
        eventId,
        grade: String(2 + Math.floor(random() * 3)),
        rationale: "Read against two other reports.",
      });
      return;
    }
    case "save": {
      const text = await call(kind, cookie, `${base}/api/trpc/event.update`, {
        eventId: draft.eventId,
        version: draft.version,
        title: `Mix draft ${i}, revision ${draft.version + 1}`,
        summary: "Revised after reading the sources again.",
        date: { start: { year: 2010, month: 1 + (i % 12) } },
        tags: ["bench"],
        entities: [],
      });
      const version = /"version":(\d+)/.exec(text)?.[1];
      if (version) draft.version = Number(version);
      return;
    }
  }
}

function pick(random: () => number): Kind {
  const total = WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [kind, w] of WEIGHTS) {
    r -= w;
    if (r < 0) return kind;
  }
  return WEIGHTS[0]![0];
}

/** A small seeded generator: every run replays the same choices. */
function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fmt(ms: number): string {
  return ms >= 100 ? String(Math.round(ms)) : ms.toFixed(1);
}
