import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { createSession } from "../../server/services/auth/index.ts";
import { sessionCookie, setMemberActive, startAppServer, trpcCall, type AppServer } from "../helpers/app-client.ts";
import { callerFor } from "../helpers/caller.ts";
import { addMember, makeTeam, makeUser } from "../helpers/factories.ts";
import { cutListeners } from "../helpers/listeners.ts";
import { until } from "../helpers/wait.ts";

/**
 * The live channel on two app instances sharing one database: a change made
 * through one reaches the Server-Sent Events streams of the other, each
 * stream receiving only what its member may see, in their own workspace.
 */

let a: AppServer;
let b: AppServer;
let team: Awaited<ReturnType<typeof makeTeam>>;
const SLOW = { timeout: 120_000 };

beforeAll(async () => {
  [a, b] = await Promise.all([startAppServer(), startAppServer()]);
  team = await makeTeam();
}, 180_000);

afterAll(async () => {
  await Promise.all(streams.map((s) => s.close()));
  await Promise.all([a?.stop(), b?.stop()]);
});

const cookieFor = async (userId: string) =>
  sessionCookie(await createSession(db, userId, { ip: "127.0.0.1", userAgent: "test" }));

type Received = { event: string; data: Record<string, unknown> };
type Stream = {
  status: number;
  received: Received[];
  /** Resolves with the first event matching, already received or still to come. */
  next: (match: (e: Received) => boolean) => Promise<Received>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close: () => Promise<void>;
};
const streams: Stream[] = [];

/** Opens /api/live as a browser's EventSource would, and parses what arrives. */
async function openStream(server: AppServer, workspaceId: string, cookie?: string): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${server.base}/api/live?workspaceId=${encodeURIComponent(workspaceId)}`, {
    headers: { accept: "text/event-stream", ...(cookie && { cookie }) },
    signal: controller.signal,
  });
  const received: Received[] = [];
  const waiters: { match: (e: Received) => boolean; resolve: (e: Received) => void }[] = [];
  let ended: Promise<void> = Promise.resolve();
  if (res.ok && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    ended = (async () => {
      let buffer = "";
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let at: number;
          while ((at = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, at);
            buffer = buffer.slice(at + 2);
            const lines = block.split("\n");
            const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
            const data = lines.find((l) => l.startsWith("data: "))?.slice(6);
            if (!event || data === undefined) continue;
            const e = { event, data: JSON.parse(data) as Record<string, unknown> };
            received.push(e);
            for (const w of [...waiters]) {
              if (w.match(e)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(e);
              }
            }
          }
        }
      } catch {
        /* aborted by close() */
      }
    })();
  } else {
    await res.arrayBuffer();
  }
  const stream: Stream = {
    status: res.status,
    received,
    ended,
    next: (match) => {
      const seen = received.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: async () => {
      controller.abort();
      await ended;
    },
  };
  streams.push(stream);
  if (res.ok) await stream.next((e) => e.event === "ready");
  return stream;
}

const change = (kind: string, id: string) => (e: Received) =>
  e.event === "change" && e.data.k === kind && e.data.id === id;

/**
 * A message every member of the workspace may receive, sent after the thing under test: messages arrive in
 * the order they were committed, so once a stream has the marker it has had everything sent before it.
 */
async function marker(workspaceId: string): Promise<string> {
  const id = `marker-${Math.random().toString(36).slice(2)}`;
  await db.$executeRaw`SELECT pg_notify('dossier_live', json_build_object('w', ${workspaceId}::text, 'k', 'workspace', 'id', ${id}::text)::text)`;
  return id;
}

describe("the live channel on two instances", SLOW, () => {
  it("refuses a stream without a session, for a workspace one is not a member of, and without a workspace", async () => {
    expect((await openStream(b, team.workspace.id)).status).toBe(401);
    const outsider = await cookieFor(team.users.outsider.id);
    expect((await openStream(b, team.workspace.id, outsider)).status).toBe(404);
    expect((await openStream(b, "", outsider)).status).toBe(400);
    // Not even a workspace that does not exist tells itself apart.
    expect((await openStream(b, "cnotaworkspace000000000", outsider)).status).toBe(404);
  });

  it("limits the streams one account holds open on an instance", async () => {
    const cookie = await cookieFor(team.users.admin.id);
    const open = await Promise.all(Array.from({ length: 8 }, () => openStream(b, team.workspace.id, cookie)));
    expect(open.map((s) => s.status)).toEqual(Array(8).fill(200));
    expect((await openStream(b, team.workspace.id, cookie)).status).toBe(429);
    // Another instance counts its own, and a closed stream frees its place.
    expect((await openStream(a, team.workspace.id, cookie)).status).toBe(200);
    await open[0]!.close();
    for (;;) {
      const next = await openStream(b, team.workspace.id, cookie);
      if (next.status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await Promise.all(streams.map((s) => s.close()));
  });

  it("a change made through instance A reaches a stream on instance B; another workspace's stream gets nothing", async () => {
    const reviewer = await openStream(b, team.workspace.id, await cookieFor(team.users.reviewer.id));
    const outsider = await openStream(b, team.other.id, await cookieFor(team.users.outsider.id));
    const res = await trpcCall(
      a.base,
      "event.create",
      { workspaceId: team.workspace.id, title: "Convoy crosses the border", date: { start: { year: 2019 } } },
      { cookie: await cookieFor(team.users.analyst.id) },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const created = ((await res.json()) as { result: { data: { json: { id: string } } } }).result.data.json;
    const got = await reviewer.next(change("event", created.id));
    // The message names the record and nothing of its content.
    expect(Object.keys(got.data).sort()).toEqual(["id", "k"]);

    const mark = await marker(team.other.id);
    await outsider.next(change("workspace", mark));
    expect(outsider.received.filter((e) => e.event === "change").map((e) => e.data.id)).toEqual([mark]);
    await Promise.all([reviewer.close(), outsider.close()]);
  });

  it("a viewer never receives the id of a draft, and does receive published changes", async () => {
    const viewer = await openStream(b, team.workspace.id, await cookieFor(team.users.viewer.id));
    const analystStream = await openStream(a, team.workspace.id, await cookieFor(team.users.analyst.id));
    const analyst = (await callerFor(team.users.analyst.id)).caller;
    const reviewer = (await callerFor(team.users.reviewer.id)).caller;
    const draft = await analyst.event.create({
      workspaceId: team.workspace.id,
      title: "Unconfirmed sighting",
      date: { start: { year: 2020 } },
    });
    await analystStream.next(change("event", draft.id));

    const published = await analyst.event.create({
      workspaceId: team.workspace.id,
      title: "Confirmed sighting",
      date: { start: { year: 2020 } },
    });
    const { round } = await analyst.review.submit({ eventId: published.id });
    await reviewer.review.decide({ eventId: published.id, round, decision: "APPROVE" });
    await viewer.next(change("event", published.id));

    const mark = await marker(team.workspace.id);
    await viewer.next(change("workspace", mark));
    const ids = viewer.received.map((e) => e.data.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).toContain(published.id);
    await Promise.all([viewer.close(), analystStream.close()]);
  });

  it("a notification reaches its recipient only", async () => {
    const analystStream = await openStream(b, team.workspace.id, await cookieFor(team.users.analyst.id));
    const adminStream = await openStream(b, team.workspace.id, await cookieFor(team.users.admin.id));
    const analyst = (await callerFor(team.users.analyst.id)).caller;
    const reviewer = (await callerFor(team.users.reviewer.id)).caller;
    const event = await analyst.event.create({
      workspaceId: team.workspace.id,
      title: "Shipment seized",
      date: { start: { year: 2021 } },
    });
    const { round } = await analyst.review.submit({ eventId: event.id });
    await reviewer.review.decide({ eventId: event.id, round, decision: "APPROVE" });
    await analystStream.next((e) => e.event === "change" && e.data.k === "notification");
    const mark = await marker(team.workspace.id);
    await adminStream.next(change("workspace", mark));
    expect(adminStream.received.some((e) => e.data.k === "notification")).toBe(false);
    await Promise.all([analystStream.close(), adminStream.close()]);
  });

  it("presence made on one instance is announced on the other, with the name shown to the others", async () => {
    const analystCookie = await cookieFor(team.users.analyst.id);
    const reviewerCookie = await cookieFor(team.users.reviewer.id);
    const analyst = (await callerFor(team.users.analyst.id)).caller;
    const event = await analyst.event.create({
      workspaceId: team.workspace.id,
      title: "Talks resume",
      date: { start: { year: 2022 } },
    });
    const reviewerStream = await openStream(b, team.workspace.id, reviewerCookie);
    const target = { workspaceId: team.workspace.id, targetType: "event", targetId: event.id };
    const beat = await trpcCall(
      a.base,
      "presence.beat",
      { ...target, tabId: "tab-a", editing: true },
      { cookie: analystCookie },
    );
    expect(beat.status, await beat.text()).toBe(200);
    await reviewerStream.next(change("presence", event.id));
    const list = await trpcCall(b.base, "presence.list", target, { cookie: reviewerCookie, method: "GET" });
    const people = ((await list.json()) as { result: { data: { json: { people: unknown[] } } } }).result.data.json
      .people;
    expect(people).toEqual([{ userId: team.users.analyst.id, name: "Analyst", editing: true }]);

    // Leaving is announced too, and the list is empty again.
    reviewerStream.received.length = 0;
    await trpcCall(a.base, "presence.leave", { tabId: "tab-a" }, { cookie: analystCookie });
    await reviewerStream.next(change("presence", event.id));
    const after = await trpcCall(b.base, "presence.list", target, { cookie: reviewerCookie, method: "GET" });
    expect(
      ((await after.json()) as { result: { data: { json: { people: unknown[] } } } }).result.data.json.people,
    ).toEqual([]);
    await reviewerStream.close();
  });

  it("a member removed through instance A loses their stream on instance B at once; a demoted one too", async () => {
    const removed = await makeUser({ name: "Leaving" });
    const removedMembership = await addMember(team.workspace.id, removed.id, "ANALYST");
    const demoted = await makeUser({ name: "Demoted" });
    const demotedMembership = await addMember(team.workspace.id, demoted.id, "ANALYST");
    const removedStream = await openStream(b, team.workspace.id, await cookieFor(removed.id));
    const demotedCookie = await cookieFor(demoted.id);
    const demotedStream = await openStream(b, team.workspace.id, demotedCookie);
    const adminCookie = await cookieFor(team.users.admin.id);

    await setMemberActive(a.base, removedMembership, false, adminCookie);
    expect((await removedStream.next((e) => e.event === "end")).data).toEqual({ reason: "access" });
    await removedStream.ended;
    // And a new one is refused.
    expect((await openStream(b, team.workspace.id, await cookieFor(removed.id))).status).toBe(404);

    const down = await trpcCall(
      a.base,
      "member.changeRole",
      { membershipId: demotedMembership.id, role: "VIEWER", version: demotedMembership.version },
      { cookie: adminCookie },
    );
    expect(down.status, await down.text()).toBe(200);
    expect((await demotedStream.next((e) => e.event === "end")).data).toEqual({ reason: "access" });
    await demotedStream.ended;
    // A new stream is theirs with the new role, and draft ids stay out of it.
    const again = await openStream(b, team.workspace.id, demotedCookie);
    expect(again.received[0]!.data).toEqual({ role: "VIEWER" });
    const analyst = (await callerFor(team.users.analyst.id)).caller;
    const draft = await analyst.event.create({
      workspaceId: team.workspace.id,
      title: "Rumoured meeting",
      date: { start: { year: 2023 } },
    });
    const mark = await marker(team.workspace.id);
    await again.next(change("workspace", mark));
    expect(again.received.map((e) => e.data.id)).not.toContain(draft.id);
    await again.close();
  });

  it("an instance told to stop (SIGTERM) ends its streams first, saying so, so browsers reconnect elsewhere", async () => {
    const c = await startAppServer();
    try {
      const stream = await openStream(c, team.workspace.id, await cookieFor(team.users.reviewer.id));
      expect(stream.status).toBe(200);
      await c.stop();
      expect((await stream.next((e) => e.event === "end")).data).toEqual({ reason: "shutdown" });
      await stream.ended;
      expect(c.child.exitCode).toBe(0);
    } finally {
      await c.stop();
    }
  });

  it("when the database drops the listening connection, streams end, and live updates resume after it reconnects", async () => {
    const cookie = await cookieFor(team.users.reviewer.id);
    const before = await openStream(b, team.workspace.id, cookie);
    await cutListeners(2);
    expect((await before.next((e) => e.event === "end")).data).toEqual({ reason: "unavailable" });
    // The new connection shows in pg_stat_activity before its LISTENs are done; until they are, a stream is
    // refused with 503 (and a browser's EventSource tries again), so the test tries again too.
    const after = await until(
      () => openStream(b, team.workspace.id, cookie),
      (s) => s.status !== 503,
      20_000,
    );
    expect(after.status).toBe(200);
    const mark = await marker(team.workspace.id);
    await after.next(change("workspace", mark));
    await after.close();
    // Both instances kept serving.
    for (const server of [a, b]) expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
  });
});
