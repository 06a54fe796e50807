import WebSocket from "ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { CLOSED_PREFIX } from "../../server/http/collab-ws.ts";
import { revokeSession } from "../../server/services/auth/index.ts";
import { sessionCookie, startAppServer, type AppServer } from "../helpers/app-client.ts";
import { callerFor } from "../helpers/caller.ts";
import { collabUrl, openLiveDoc, upgradeStatus, type LiveClient } from "../helpers/collab-client.ts";
import { waitUntil } from "../helpers/wait.ts";
import { makeTeam } from "../helpers/factories.ts";

/**
 * Typing a briefing's body together over `/api/collab` (server/http/collab-ws.ts):
 * real app servers in child processes, real WebSockets and Yjs documents, one
 * database. Covers convergence of concurrent typing on one and on two
 * instances, what is saved and who is named for it, who may open a briefing's
 * live document and what closes it, a body saved another way while typing
 * goes on, an author who goes offline, and input the server must survive.
 */

let a: AppServer;
let b: AppServer;
let team: Awaited<ReturnType<typeof makeTeam>>;
type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
const callers = {} as Record<"admin" | "reviewer" | "analyst" | "viewer" | "outsider", Caller>;
const cookies = {} as Record<keyof typeof callers, string>;
const SLOW = { timeout: 120_000 };

beforeAll(async () => {
  [a, b] = await Promise.all([startAppServer(), startAppServer()]);
  team = await makeTeam();
  for (const who of ["admin", "reviewer", "analyst", "viewer", "outsider"] as const) {
    const { caller, sessionId } = await callerFor(team.users[who].id);
    callers[who] = caller;
    cookies[who] = await sessionCookie(sessionId);
  }
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const open: LiveClient[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

/** Opens the live document as `who` and closes it after the test. */
async function live(
  server: AppServer,
  who: keyof typeof callers,
  briefingId: string,
  opts: { waitForSync?: boolean; documentName?: string } = {},
) {
  const c = await openLiveDoc(server.base, { cookie: cookies[who], briefingId, ...opts });
  open.push(c);
  return c;
}

/** A briefing written by the analyst, with a saved body. */
async function briefingWith(body: string, title = "Live briefing") {
  const created = await callers.analyst.briefing.create({ workspaceId: team.workspace.id, title });
  const saved = await callers.analyst.briefing.update({ id: created.id, version: created.version, body });
  return { id: created.id, version: saved.version };
}

const savedBody = async (id: string) => (await callers.admin.briefing.get({ id })).working?.body;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const insertAt = (c: LiveClient, index: number, piece: string) => c.text.insert(Math.min(index, c.text.length), piece);
/**
 * Inserts `piece` at the n-th place (cycling) between pieces already there: the start, the end, or just
 * after a "]". Never inside another piece, so every piece can be looked for whole in the merged text.
 */
const insertBetween = (c: LiveClient, n: number, piece: string) => {
  const text = c.text.toString();
  const places = [0, text.length];
  for (let i = text.indexOf("]"); i >= 0; i = text.indexOf("]", i + 1)) places.push(i + 1);
  c.text.insert(places[n % places.length]!, piece);
};
/** Both documents hold the same text, and it contains every piece. */
const converged = (docs: LiveClient[], pieces: string[]) => () => {
  const t = docs[0]!.text.toString();
  return docs.every((d) => d.text.toString() === t) && pieces.every((p) => t.includes(p));
};

async function serverAnswers(server: AppServer) {
  expect(server.child.exitCode).toBeNull();
  const res = await fetch(`${server.base}/api/health`);
  expect(res.status).toBe(200);
}

describe("two authors typing at once", () => {
  it("converge on one instance, and the saved body and history name both", SLOW, async () => {
    const briefing = await briefingWith("Opening line.\n");
    const x = await live(a, "analyst", briefing.id);
    const y = await live(a, "admin", briefing.id);
    expect(x.text.toString()).toBe("Opening line.\n");
    expect(y.text.toString()).toBe("Opening line.\n");

    // Each round, both insert before either has seen the other's piece: truly concurrent edits.
    const pieces: string[] = [];
    for (let i = 0; i < 20; i++) {
      const fromX = `[x${i}]`;
      const fromY = `[y${i}]`;
      insertBetween(x, i * 7, fromX);
      insertBetween(y, i * 11, fromY);
      pieces.push(fromX, fromY);
      await pause(10);
    }
    await x.waitFor(converged([x, y], pieces), "both documents to hold every piece");
    const text = x.text.toString();
    expect(text.length).toBe("Opening line.\n".length + pieces.join("").length);

    await x.flush();
    expect(await savedBody(briefing.id)).toBe(text);
    expect(x.savedVersions().length + y.savedVersions().length).toBeGreaterThan(0);

    const got = await callers.analyst.briefing.get({ id: briefing.id });
    expect(got.authors.map((p) => p.id)).toEqual(expect.arrayContaining([team.users.analyst.id, team.users.admin.id]));
    // Both typed in the first moments, before any save: an entry of the history names both as writers.
    const history = await callers.analyst.briefing.history({ id: briefing.id, limit: 50 });
    const writers = history.items.map((h) => (h.detail as { writers?: string[] } | null)?.writers ?? []);
    expect(writers).toContainEqual(expect.arrayContaining([team.users.analyst.id, team.users.admin.id]));
    // And the history says so by name: "<one> with <the other>".
    const together = history.items.find((h) => h.coWriters.length > 0)!;
    expect([together.actor.name, ...together.coWriters.map((w) => w.name)].sort()).toEqual(
      [team.users.analyst.name, team.users.admin.name].sort(),
    );
    // The live save is audited as such, on behalf of who typed.
    const audit = await db.auditLog.findFirst({
      where: { targetType: "briefing", targetId: briefing.id, action: "briefing.updated" },
      orderBy: { id: "desc" },
      select: { after: true },
    });
    expect(audit?.after).toMatchObject({ live: true });
  });

  it("converge across two app instances sharing the database", SLOW, async () => {
    const briefing = await briefingWith("Shared start.");
    const x = await live(a, "analyst", briefing.id);
    const y = await live(b, "admin", briefing.id);

    insertAt(x, x.text.length, " Typed on the first instance.");
    await y.waitFor(() => y.text.toString().includes("Typed on the first instance."), "the first's text on the second");
    insertAt(y, 0, "Typed on the second instance. ");
    await x.waitFor(
      () => x.text.toString().startsWith("Typed on the second instance. "),
      "the second's text on the first",
    );
    // And at the same moment on both.
    insertAt(x, x.text.length, " [x-last]");
    insertAt(y, 0, "[y-last] ");
    const pieces = [
      "Shared start.",
      "Typed on the first instance.",
      "Typed on the second instance.",
      "[x-last]",
      "[y-last]",
    ];
    await x.waitFor(converged([x, y], pieces), "both instances' documents to converge");

    await x.flush();
    await y.flush();
    await waitUntil(() => x.text.toString() === y.text.toString(), "the documents to agree after both saved");
    const body = await savedBody(briefing.id);
    expect(body).toBe(x.text.toString());
    for (const p of pieces) expect(body).toContain(p);

    const got = await callers.analyst.briefing.get({ id: briefing.id });
    expect(got.authors.map((p) => p.id)).toEqual(expect.arrayContaining([team.users.analyst.id, team.users.admin.id]));
    const history = await callers.analyst.briefing.history({ id: briefing.id, limit: 50 });
    const named = history.items.flatMap((h) => (h.detail as { writers?: string[] } | null)?.writers ?? []);
    expect(named).toEqual(expect.arrayContaining([team.users.analyst.id, team.users.admin.id]));
  });
});

describe("who may open a live document", () => {
  it("refuses the upgrade without a session (401) and from another site (403)", async () => {
    expect(await upgradeStatus(a.base, { origin: a.base })).toBe(401);
    expect(await upgradeStatus(a.base, { origin: "https://elsewhere.example", cookie: cookies.analyst })).toBe(403);
    // No Origin at all: a page of this site always sends one.
    expect(await upgradeStatus(a.base, { cookie: cookies.analyst })).toBe(403);
    expect(await upgradeStatus(a.base, { origin: a.base, cookie: "next-auth.session-token=forged" })).toBe(401);
    expect(await upgradeStatus(a.base, { origin: a.base, cookie: cookies.analyst })).toBe(101);
  });

  it("never sends a draft's text to a viewer, an outsider, or into another workspace", SLOW, async () => {
    const briefing = await briefingWith("Draft text viewers must not read.");
    const author = await live(a, "analyst", briefing.id);
    insertAt(author, 0, "More draft. ");
    await author.flush();

    for (const who of ["viewer", "outsider"] as const) {
      const c = await live(a, who, briefing.id, { waitForSync: false });
      const denied = await c.waitForEvent("denied");
      expect(denied.reason).toBe("You cannot edit this briefing.");
      // More typing after the refusal does not reach them either.
      insertAt(author, 0, "Later. ");
      await author.flush();
      await pause(300);
      expect(c.text.toString()).toBe("");
      expect(c.events.some((e) => e.kind === "synced")).toBe(false);
    }

    // A briefing of the outsider's own workspace, opened by a member of this one.
    const foreign = await callers.outsider.briefing.create({ workspaceId: team.other.id, title: "Elsewhere" });
    await callers.outsider.briefing.update({ id: foreign.id, version: foreign.version, body: "Their draft." });
    const c = await live(a, "analyst", foreign.id, { waitForSync: false });
    await c.waitForEvent("denied");
    await pause(300);
    expect(c.text.toString()).toBe("");
  });

  it("refuses a briefing waiting for review, and closes its open editors when it is submitted", SLOW, async () => {
    const briefing = await briefingWith("Ready for review.");
    const x = await live(a, "analyst", briefing.id);
    const y = await live(b, "admin", briefing.id);
    insertAt(x, x.text.length, " Last words.");
    await x.flush();
    const version = (await callers.analyst.briefing.get({ id: briefing.id })).version;
    await callers.analyst.briefing.submit({ id: briefing.id, version });

    // Both instances close the document's connections, saying why.
    for (const c of [x, y]) {
      const closed = await c.waitForEvent("close");
      expect(closed.reason).toMatch(/waiting for review/);
    }
    // Typing after the close is not saved into the submitted briefing.
    insertAt(x, 0, "Too late. ");
    await pause(1_500);
    expect(await savedBody(briefing.id)).toBe("Ready for review. Last words.");

    const again = await live(a, "analyst", briefing.id, { waitForSync: false });
    const denied = await again.waitForEvent("denied");
    expect(denied.reason).toMatch(/waiting for review/);
    expect(again.text.toString()).toBe("");
  });

  it("disconnects a member demoted to viewer and refuses them on reconnect", SLOW, async () => {
    const { caller: admin } = await callerFor(team.users.admin.id);
    const briefing = await briefingWith("Before the demotion.");
    const x = await live(a, "analyst", briefing.id);
    const y = await live(b, "admin", briefing.id);
    const membership = await db.membership.findUniqueOrThrow({
      where: { id: team.memberships.analyst.id },
      select: { version: true },
    });
    try {
      await admin.member.changeRole({
        membershipId: team.memberships.analyst.id,
        role: "VIEWER",
        version: membership.version,
      });
      const closed = await x.waitForEvent("close");
      // Closes carry the server's prefix, which the editor strips before showing the reason.
      expect(closed.reason).toBe(`${CLOSED_PREFIX}You cannot edit this briefing.`);

      // What others type afterwards never reaches the demoted member's document.
      insertAt(y, y.text.length, " After the demotion.");
      await y.flush();
      await pause(1_000);
      expect(x.text.toString()).not.toContain("After the demotion.");
      expect(await savedBody(briefing.id)).toBe("Before the demotion. After the demotion.");

      const again = await live(a, "analyst", briefing.id, { waitForSync: false });
      expect((await again.waitForEvent("denied")).reason).toBe("You cannot edit this briefing.");
      expect(again.text.toString()).toBe("");
    } finally {
      const now = await db.membership.findUniqueOrThrow({
        where: { id: team.memberships.analyst.id },
        select: { version: true, role: true },
      });
      if (now.role !== "ANALYST")
        await admin.member.changeRole({
          membershipId: team.memberships.analyst.id,
          role: "ANALYST",
          version: now.version,
        });
    }
  });
  it("closes an editor whose session ends, and every editor of a deleted briefing", SLOW, async () => {
    const briefing = await briefingWith("Soon gone.");
    // A session of its own, so that ending it leaves the other tests' sessions alone.
    const { sessionId } = await callerFor(team.users.reviewer.id);
    const signedOut = await openLiveDoc(a.base, { cookie: await sessionCookie(sessionId), briefingId: briefing.id });
    open.push(signedOut);
    const x = await live(a, "analyst", briefing.id);
    const y = await live(b, "admin", briefing.id);

    await revokeSession(sessionId);
    expect((await signedOut.waitForEvent("close")).reason).toBe(`${CLOSED_PREFIX}You cannot edit this briefing.`);
    expect(x.events.some((e) => e.kind === "close")).toBe(false);

    const { version } = await callers.analyst.briefing.get({ id: briefing.id });
    await callers.analyst.briefing.delete({ id: briefing.id, version });
    for (const c of [x, y]) await c.waitForEvent("close");
    const again = await live(a, "analyst", briefing.id, { waitForSync: false });
    await again.waitForEvent("denied");
    expect(again.text.toString()).toBe("");
  });
});

describe("other saves and interruptions", () => {
  it(
    "saves what was typed when the instance is told to stop (SIGTERM), before the pause that would have saved it",
    SLOW,
    async () => {
      const c = await startAppServer();
      try {
        const briefing = await briefingWith("Before the deploy.");
        const x = await openLiveDoc(c.base, { cookie: cookies.analyst, briefingId: briefing.id });
        open.push(x);
        insertAt(x, x.text.length, " Typed just before it.");
        // Applied by the server, not yet saved (a save waits for a pause in typing): the stop must save it.
        await x.waitFor(() => !x.provider.hasUnsyncedChanges, "the server to apply the typing");
        await c.stop();
        expect(await savedBody(briefing.id)).toBe("Before the deploy. Typed just before it.");
        expect(c.child.exitCode).toBe(0);
      } finally {
        await c.stop();
      }
    },
  );

  it("merges a body saved through briefing.update without losing what was typed meanwhile", SLOW, async () => {
    const briefing = await briefingWith("Alpha beta gamma.");
    const x = await live(a, "analyst", briefing.id);
    const y = await live(a, "admin", briefing.id);
    await x.flush();
    const { version } = await callers.analyst.briefing.get({ id: briefing.id });

    // Saved another way (the API, an older editor): the live documents have not seen it yet...
    await callers.reviewer.briefing.update({ id: briefing.id, version, body: "Alpha beta gamma delta." });
    expect(x.text.toString()).toBe("Alpha beta gamma.");
    // ...while the author types, concurrently with that save.
    insertAt(x, 0, "LIVE ");
    await x.flush();

    const expected = "LIVE Alpha beta gamma delta.";
    await x.waitFor(() => x.text.toString() === expected, "the API's edit merged into the typing");
    await y.waitFor(() => y.text.toString() === expected, "the merge on the other editor");
    expect(await savedBody(briefing.id)).toBe(expected);
  });

  it("keeps typing done offline and merges it on reconnect", SLOW, async () => {
    const briefing = await briefingWith("Line one.\n");
    const x = await live(a, "analyst", briefing.id);
    const y = await live(a, "admin", briefing.id);

    x.goOffline();
    await x.waitForEvent("disconnect");
    insertAt(x, x.text.length, "Written offline.\n");
    insertAt(x, 0, "[offline] ");
    insertAt(y, y.text.length, "Written online.\n");
    await y.flush();
    await pause(500);
    expect(y.text.toString()).not.toContain("Written offline.");
    expect(x.text.toString()).not.toContain("Written online.");

    await x.goOnline();
    const pieces = ["Line one.", "Written offline.", "[offline] ", "Written online."];
    await x.waitFor(converged([x, y], pieces), "the offline and online typing to merge");
    await x.flush();
    expect(await savedBody(briefing.id)).toBe(x.text.toString());
  });

  it("accepts a title edit based on a version older than live body saves, not a stale body", SLOW, async () => {
    const briefing = await briefingWith("Body typed live.");
    const x = await live(a, "analyst", briefing.id);
    insertAt(x, x.text.length, " More.");
    await x.flush();
    insertAt(x, x.text.length, " Again.");
    await x.flush();
    const now = await callers.analyst.briefing.get({ id: briefing.id });
    expect(now.version).toBeGreaterThan(briefing.version);

    const stale = await callers.reviewer.briefing
      .update({ id: briefing.id, version: briefing.version, body: "An old copy of the body." })
      .then(
        () => null,
        (err: { code?: string }) => err,
      );
    expect(stale?.code).toBe("CONFLICT");

    const titled = await callers.reviewer.briefing.update({
      id: briefing.id,
      version: briefing.version,
      title: "A better title",
    });
    expect(titled.version).toBe(now.version + 1);
    const got = await callers.analyst.briefing.get({ id: briefing.id });
    expect(got.working?.title).toBe("A better title");
    expect(got.working?.body).toBe("Body typed live. More. Again.");
  });

  it("survives a wrong document name, garbage and oversized messages", SLOW, async () => {
    const briefing = await briefingWith("Still here.");
    for (const documentName of ["notes:1", "briefing:", "briefing:../../etc/passwd", `briefing:${"x".repeat(5000)}`]) {
      const c = await live(a, "analyst", briefing.id, { waitForSync: false, documentName });
      await c.waitForEvent("denied");
      expect(c.text.toString()).toBe("");
    }

    /** The close code the server answered a raw message with, or 0 if it kept the socket open for `ms`. */
    const raw = (payload: Buffer, ms = 5_000) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(collabUrl(a.base), { headers: { origin: a.base, cookie: cookies.analyst } });
        ws.on("error", () => {});
        ws.once("open", () => ws.send(payload));
        ws.once("close", (code) => resolve(code));
        ws.once("unexpected-response", () => reject(new Error("upgrade refused")));
        // A server that ignores the garbage without closing is fine too.
        setTimeout(() => {
          ws.terminate();
          resolve(0);
        }, ms);
      });
    // Random bytes, a message naming a document then nonsense, and one above the size limit.
    await raw(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)));
    await raw(Buffer.concat([Buffer.from([8]), Buffer.from(`briefing:${briefing.id}`), Buffer.alloc(64, 0xff)]));
    // This one must be closed: a busy machine gets all the time it needs to say so.
    expect(await raw(Buffer.alloc(3 * 1024 * 1024, 0x41), 60_000)).toBe(1009);
    await serverAnswers(a);

    // And it still serves editors.
    const x = await live(a, "analyst", briefing.id);
    expect(x.text.toString()).toBe("Still here.");
  });

  it(
    "cuts off a socket that floods a document it was refused, before the server keeps what it sends",
    SLOW,
    async () => {
      const briefing = await briefingWith("Not for viewers.");
      const name = Buffer.from(`briefing:${briefing.id}`);
      const varString = (b: Buffer) => Buffer.concat([Buffer.from([b.length]), b]);
      const ws = new WebSocket(collabUrl(a.base), { headers: { origin: a.base, cookie: cookies.viewer } });
      ws.on("error", () => {});
      await new Promise((resolve) => ws.once("open", resolve));
      const answered = new Promise((resolve) => ws.once("message", resolve));
      // Authenticate for the briefing (refused: a viewer), then keep sending sync messages for it.
      ws.send(Buffer.concat([varString(name), Buffer.from([2, 0]), varString(Buffer.from("session"))]));
      await answered;
      const closed = new Promise<number>((resolve) => ws.once("close", resolve));
      const chunk = Buffer.concat([varString(name), Buffer.from([0]), Buffer.alloc(256 * 1024, 0x20)]);
      let isClosed = false;
      void closed.then(() => (isClosed = true));
      // Each message is given time to be read (however busy the machine), so the count says how many the
      // server took before cutting the socket off, not how fast this loop runs.
      let sent = 0;
      while (!isClosed && sent < 200) {
        ws.send(chunk);
        sent++;
        await Promise.race([closed, pause(2_000)]);
      }
      expect(await closed).toBe(1006);
      // Cut off at the first message beyond what a refused socket may still send (64 KB), not after the 50 MB.
      expect(sent).toBe(1);
      await serverAnswers(a);
    },
  );
});
