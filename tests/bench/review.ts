import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import os from "node:os";
import pg from "pg";
import { signInCookie, startApp } from "./app-process.ts";
import { percentile, treeCpuMs, withDemoDatabase, type BenchRow } from "./bench-kit.ts";

/**
 * Votes and review at load:
 * - 50 analysts cast and change votes on one event over HTTP through the
 *   production server: throughput, latency, and a check that nothing was lost;
 * - the review queue's first page with 5,000 pending items (server time, measured
 *   in the app's own request log, which records each call's duration);
 * - the number of SQL queries an event list page of 50 rated events needs.
 */

async function embeddedUrl(dataDir: string): Promise<string> {
  const password = (await readFile(path.join(dataDir, "pg-password"), "utf8")).trim();
  const port = Number((await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8")).split("\n")[3]);
  return `postgresql://dossier:${encodeURIComponent(password)}@127.0.0.1:${port}/dossier`;
}

export async function reviewBench(root: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dataDir = path.resolve(root, ".data/bench-review");
  await rm(dataDir, { recursive: true, force: true });
  const port = 3293;
  const app = await startApp({ cwd: root, port, dataDir });
  const base = `http://127.0.0.1:${port}`;
  const db = new pg.Client({ connectionString: await embeddedUrl(dataDir) });
  await db.connect();
  try {
    const {
      rows: [ws],
    } = await db.query<{ id: string }>(`SELECT id FROM "Workspace" WHERE slug = 'iran-taliban-al-qaeda'`);
    const {
      rows: [event],
    } = await db.query<{ id: string }>(
      `SELECT id FROM "Event" WHERE "workspaceId" = $1 AND status = 'PUBLISHED' ORDER BY id LIMIT 1`,
      [ws!.id],
    );
    const {
      rows: [hash],
    } = await db.query<{ passwordHash: string }>(
      `SELECT "passwordHash" FROM "User" WHERE email = 'analyst@dossier.local'`,
    );

    // 50 analysts, all with the demo password.
    await db.query(
      `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
       SELECT 'bench-user-' || g, 'bench' || g || '@dossier.local', 'Bench Analyst ' || g, $1, now() FROM generate_series(1, 50) g`,
      [hash!.passwordHash],
    );
    await db.query(
      `INSERT INTO "Membership" (id, "workspaceId", "userId", role, "updatedAt")
       SELECT 'bench-member-' || g, $1, 'bench-user-' || g, 'ANALYST', now() FROM generate_series(1, 50) g`,
      [ws!.id],
    );
    const cookies: string[] = [];
    for (let i = 1; i <= 50; i++) cookies.push(await signInCookie(base, `bench${i}@dossier.local`, "dossier-demo"));

    const latencies: number[] = [];
    let ok = 0;
    let failed = 0;
    const failures = new Map<string, number>();
    /** One vote by client i; resolves to whether it was accepted. */
    const vote = async (i: number, n: number) => {
      const grade = String(((i + n) % 3) + 2); // 2, 3, 4
      let why: string;
      try {
        const res = await fetch(`${base}/api/trpc/vote.cast`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie: cookies[i]! },
          // Always with a rationale: which grades are far from the consensus depends on the order of arrival, and the rule is not what is measured here.
          body: JSON.stringify({ json: { eventId: event!.id, grade, rationale: "Bench vote" } }),
        });
        const body = await res.text();
        if (res.ok) return true;
        // What refused it, in a few words (status and message), counted.
        why = `${res.status} ${/"message":"([^"]{0,80})/.exec(body)?.[1] ?? body.slice(0, 80)}`;
      } catch (err) {
        why = `no answer: ${(err as Error).message}`;
      }
      failures.set(why, (failures.get(why) ?? 0) + 1);
      return false;
    };

    // Closed loop: each client casts a vote, then keeps changing it, for 15 seconds (the server's ceiling).
    const cpuBefore = treeCpuMs(app.child.pid!);
    const clientBefore = process.cpuUsage();
    const until = Date.now() + 15_000;
    await Promise.all(
      cookies.map(async (_, i) => {
        for (let n = 0; Date.now() < until; n++) {
          const t0 = performance.now();
          const accepted = await vote(i, n);
          latencies.push(performance.now() - t0);
          if (accepted) ok++;
          else failed++;
        }
      }),
    );
    const cpuAfter = treeCpuMs(app.child.pid!);
    const client = process.cpuUsage(clientBefore);
    const all = ok + failed;
    const perVote = (ms: number) => (ms / all).toFixed(1);
    const appMs = cpuAfter.app - cpuBefore.app;
    const dbMs = cpuAfter.db - cpuBefore.db;
    // Open loop: votes offered at a fixed rate by the same 50 analysts for 10 seconds, each
    // timed from when it was due, so a server falling behind shows as latency (no coordinated omission).
    const rate = Number(process.env.BENCH_VOTE_RATE ?? 300);
    const openLatencies: number[] = [];
    let openOk = 0;
    let openFailed = 0;
    // At most 50 votes in flight, as there are 50 analysts: one that is due while all
    // 50 wait for answers waits its turn, and that wait counts in its latency.
    const due0 = performance.now() + 200;
    let inFlight = 0;
    const waiting: (() => void)[] = [];
    await Promise.all(
      Array.from({ length: rate * 10 }, async (_, k) => {
        const due = due0 + (k * 1000) / rate;
        await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
        if (inFlight >= cookies.length) await new Promise<void>((r) => waiting.push(r));
        inFlight++;
        const accepted = await vote(k % cookies.length, k);
        inFlight--;
        waiting.shift()?.();
        openLatencies.push(performance.now() - due);
        if (accepted) openOk++;
        else openFailed++;
      }),
    );
    const openSeconds = (performance.now() - due0) / 1000;
    const {
      rows: [current],
    } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Vote" WHERE "eventId" = $1 AND "voterId" LIKE 'bench-user-%'`,
      [event!.id],
    );
    const {
      rows: [history],
    } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "VoteHistory" WHERE "eventId" = $1 AND "voterId" LIKE 'bench-user-%'`,
      [event!.id],
    );
    rows.push({
      metric: "votes over HTTP, 50 analysts, cast + change: votes/s",
      value: (ok / 15).toFixed(0),
      target: "≥ 300",
    });
    rows.push({
      metric: "  latency p50 / p95",
      value: `${percentile(latencies, 0.5).toFixed(0)} / ${percentile(latencies, 0.95).toFixed(0)} ms`,
      target: "p95 ≤ 100 ms",
    });
    rows.push({ metric: "  refused requests", value: String(failed), target: "0" });
    for (const [why, n] of failures) rows.push({ metric: `    ${n} × ${why}`.slice(0, 100), value: "", target: "" });
    rows.push({
      metric: "  CPU per vote: web server / database / load client",
      value: `${perVote(appMs)} / ${perVote(dbMs)} / ${perVote((client.user + client.system) / 1000)} ms`,
      target: "",
    });
    rows.push({
      metric: "  votes/s the server side's CPU time allows on this machine's cores",
      value: ((os.cpus().length * 1000) / ((appMs + dbMs) / all)).toFixed(0),
      target: "(estimate)",
    });
    rows.push({
      metric: `same, open loop at ${rate} votes/s offered for 10 s: answered votes/s`,
      value: (openLatencies.length / openSeconds).toFixed(0),
      target: "",
    });
    rows.push({
      metric: "  latency p50 / p95 / p99",
      value: `${percentile(openLatencies, 0.5).toFixed(0)} / ${percentile(openLatencies, 0.95).toFixed(0)} / ${percentile(openLatencies, 0.99).toFixed(0)} ms`,
      target: "p95 ≤ 100 ms",
    });
    rows.push({ metric: "  refused requests", value: String(openFailed), target: "0" });
    rows.push({
      metric: "lost votes, both loops (accepted − history rows)",
      value: String(ok + openOk - history!.n),
      target: "0",
    });
    rows.push({ metric: "  current votes (one per analyst)", value: String(current!.n), target: "50" });
  } finally {
    await db.end();
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return rows;
}

/** In-process server-side timings on a database of its own (a throw-away embedded PostgreSQL). */
export async function reviewQueueBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  await withDemoDatabase("queue", async (url) => {
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    const {
      rows: [ws],
    } = await raw.query<{ id: string }>(`SELECT id FROM "Workspace" LIMIT 1`);
    const {
      rows: [analyst],
    } = await raw.query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'analyst@dossier.local'`);
    const {
      rows: [reviewer],
    } = await raw.query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'reviewer@dossier.local'`);
    // 5,000 submissions waiting, from the analyst, over the last weeks.
    await raw.query(
      `INSERT INTO "Event" (id, "workspaceId", title, summary, status, "createdById", "updatedById", "updatedAt", "dateStartYear", "dateQualifier",
                            "dateEarliest", "dateLatest", "dateSortKey", "reviewRound", "revisionAuthorIds", "awaitingReview", "submittedAt")
       SELECT 'q-' || g, $1, 'Pending event ' || g, 'Summary of pending event ' || g, 'PENDING', $2, $2, now(), 2000 + g % 20, 'EXACT',
              make_timestamp(2000 + g % 20, 1, 1, 0, 0, 0), make_timestamp(2000 + g % 20, 12, 31, 23, 59, 59), make_timestamp(2000 + g % 20, 1, 1, 0, 0, 0),
              1, ARRAY[$2], true, now() - (g || ' minutes')::interval
       FROM generate_series(1, 5000) g`,
      [ws!.id, analyst!.id],
    );
    // Votes on 50 published events, for the list page.
    await raw.query(
      `INSERT INTO "Event" (id, "workspaceId", title, status, "createdById", "updatedById", "updatedAt", "dateStartYear", "dateQualifier", "dateEarliest", "dateLatest", "dateSortKey")
       SELECT 'p-' || g, $1, 'Published event ' || g, 'PUBLISHED', $2, $2, now(), 1990, 'EXACT', make_timestamp(1990, 1, 1, 0, 0, 0), make_timestamp(1990, 12, 31, 0, 0, 0), make_timestamp(1990, 1, 1, 0, 0, 0) + (g || ' seconds')::interval
       FROM generate_series(1, 50) g`,
      [ws!.id, analyst!.id],
    );
    await raw.query(
      `INSERT INTO "Vote" (id, "workspaceId", "voterId", axis, "eventId", grade, "updatedAt")
       SELECT 'v-' || g || '-' || u.id, $1, u.id, 'CREDIBILITY', 'p-' || g, ((g % 5) + 1)::text, now()
       FROM generate_series(1, 50) g CROSS JOIN (SELECT id FROM "User" WHERE email LIKE '%@dossier.local') u`,
      [ws!.id],
    );
    await raw.query("ANALYZE");
    await raw.end();

    const { createSession } = await import("../../server/services/auth/index.ts");
    const { createContext } = await import("../../server/trpc.ts");
    const { createCaller } = await import("../../server/root.ts");
    const { db } = await import("../../server/db/client.ts");
    const caller = async (userId: string) =>
      createCaller(await createContext({ sessionId: await createSession(db, userId, {}), ip: "127.0.0.1" }));
    const asReviewer = await caller(reviewer!.id);
    const timed = async (fn: () => Promise<unknown>, runs = 50) => {
      for (let i = 0; i < 5; i++) await fn();
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await fn();
        xs.push(performance.now() - t0);
      }
      return `${percentile(xs, 0.5).toFixed(1)} / ${percentile(xs, 0.95).toFixed(1)} ms`;
    };
    rows.push({
      metric: "review queue, 5,000 pending: first page (25) p50 / p95",
      value: await timed(() => asReviewer.review.queue({ workspaceId: ws!.id, limit: 25 })),
      target: "≤ 50 ms",
    });

    // Count the SQL statements one event list page issues, from the driver itself.
    const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const original = proto.query;
    let statements = 0;
    proto.query = function (this: unknown, ...args: unknown[]) {
      statements++;
      return original.apply(this, args);
    };
    try {
      const page = await asReviewer.event.list({ workspaceId: ws!.id, limit: 50, from: "1990", to: "1990" });
      const withVotes = page.items.filter((e) => e.rating.credibility !== null).length;
      statements = 0;
      await asReviewer.event.list({ workspaceId: ws!.id, limit: 50, from: "1990", to: "1990" });
      rows.push({
        metric: `event list page of 50 (${withVotes} with votes): SQL statements, consensus included`,
        value: String(statements),
        target: "constant, not 50",
      });
      statements = 0;
      await asReviewer.event.list({ workspaceId: ws!.id, limit: 10, from: "1990", to: "1990" });
      rows.push({ metric: "  the same for a page of 10", value: String(statements), target: "" });
    } finally {
      proto.query = original;
    }
    rows.push({
      metric: "event list page of 50 with ratings p50 / p95",
      value: await timed(() => asReviewer.event.list({ workspaceId: ws!.id, limit: 50, from: "1990", to: "1990" })),
      target: "",
    });
  });
  return rows;
}
