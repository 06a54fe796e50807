import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { TRPCError } from "@trpc/server";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as archiveRoute } from "../../app/api/w/[workspaceId]/sources/[sourceId]/archives/[archiveId]/route.ts";
import { authSecret } from "../../server/auth.ts";
import { db } from "../../server/db/client.ts";
import { stopWorkers } from "../../server/jobs/worker.ts";
import { archiveSettled, fetchPage } from "../../server/services/archive/index.ts";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, type CurationTeam } from "../helpers/curation.ts";
import { FIXTURES, readFixtureBytes } from "../helpers/fixtures.ts";

/**
 * Archiving a source's web address: the server fetches the page as a job of
 * the durable queue (worked here, in this process, as every app instance
 * works it), keeps the bytes under their SHA-256 and the page's readable
 * text, and refuses, with a sentence saying why, what it must not fetch:
 * private, loopback, link-local and IPv4-mapped addresses (directly or by a
 * redirect) unless an admin allowed the host, pages too large or too slow,
 * names that do not resolve, and types it does not read.
 *
 * The pages come from HTTP servers this file starts on 127.0.0.1; the
 * workspace allows the first one by host and port.
 */

// Short limits, so the slow cases end quickly; the messages name them. Hoisted above the imports:
// the app's settings are read once, and something imported here may read them first.
vi.hoisted(() => {
  process.env.ARCHIVE_TIMEOUT_SECONDS = "4";
  process.env.ARCHIVE_FIRST_BYTE_SECONDS = "2";
});

const PAGE = readFixtureBytes(FIXTURES.page);
const PDF = readFixtureBytes(FIXTURES.pdf);
const NOTES = new TextEncoder().encode(
  "Field notes.\n\nThe convoy crossed at dawn and was counted at the second gate.\n",
);
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const ELEVEN_MB = 11 * 1024 * 1024;

type Server = { server: http.Server; port: number; base: string };

async function listen(handler: http.RequestListener): Promise<Server> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, port, base: `http://127.0.0.1:${port}` };
}

let site: Server;
let other: Server;
let t: CurationTeam;
let requestsToOther = 0;

/** The allowed site: an article page and every kind of trouble, each at its own path. */
function siteHandler(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://site");
  switch (url.pathname) {
    case "/article":
      return res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(PAGE);
    case "/gzipped":
      return res.writeHead(200, { "Content-Type": "text/html", "Content-Encoding": "gzip" }).end(gzipSync(PAGE));
    case "/notes.txt":
      return res.writeHead(200, { "Content-Type": "text/plain" }).end(NOTES);
    case "/note.pdf":
      return res.writeHead(200, { "Content-Type": "application/pdf" }).end(PDF);
    case "/picture":
      return res.writeHead(200, { "Content-Type": "image/png" }).end(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    case "/big":
      // Declared: refused before a byte of the body is read.
      res.writeHead(200, { "Content-Type": "text/html", "Content-Length": String(ELEVEN_MB) });
      return res.end(Buffer.alloc(ELEVEN_MB, 0x61));
    case "/big-undeclared": {
      // No length given: the reading stops past the limit.
      res.writeHead(200, { "Content-Type": "text/plain" });
      const chunk = Buffer.alloc(1024 * 1024, 0x62);
      let sent = 0;
      const more = () => {
        while (sent < ELEVEN_MB && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", more);
        }
        res.end();
      };
      return more();
    }
    case "/stall":
      // Takes the request and never answers.
      return;
    case "/slow-body":
      res.writeHead(200, { "Content-Type": "text/html" });
      return void res.write("<html><body><p>The first words arrive, and nothing after them");
    case "/redirect":
      return res.writeHead(302, { Location: url.searchParams.get("to")! }).end();
    case "/hop": {
      const n = Number(url.searchParams.get("n"));
      return res.writeHead(301, { Location: n > 0 ? `/hop?n=${n - 1}` : "/article" }).end();
    }
    default:
      return res.writeHead(404, { "Content-Type": "text/plain" }).end("Not here");
  }
}

beforeAll(async () => {
  site = await listen(siteHandler);
  other = await listen((_req, res) => {
    requestsToOther++;
    res.writeHead(200, { "Content-Type": "text/plain" }).end("Internal only: the other service.");
  });
  t = await curationTeam();
  const { version } = await t.admin.workspace.archiveSettings({ workspaceId: t.ws });
  await t.admin.workspace.updateArchiveSettings({
    workspaceId: t.ws,
    version,
    allowedHosts: [`127.0.0.1:${site.port}`],
  });
});

afterAll(async () => {
  await stopWorkers(5_000);
  for (const s of [site, other]) {
    s.server.closeAllConnections();
    await new Promise((r) => s.server.close(r));
  }
});

let urlCounter = 0;
/** A source with only a web address (each its own, as the workspace keeps addresses unique). */
async function addressOnlySource(url = `https://news.example/story-${++urlCounter}`) {
  const created = await t.analyst.source.create({ workspaceId: t.ws, kind: "NEWS_REPORT", title: "A story", url });
  if (created.status !== "created") throw new Error("expected a new source");
  return created.source.id;
}

/** Asks for the page as the analyst, and waits for the queue to finish with it. */
async function archive(sourceId: string, url?: string) {
  const requested = await t.analyst.source.archive({ sourceId, url });
  expect(requested.status).toBe("QUEUED");
  await archiveSettled(requested.id);
  const { items } = await t.analyst.source.archives({ sourceId });
  const row = items.find((a) => a.id === requested.id);
  if (!row) throw new Error("the archive should be listed on its source");
  return row;
}

async function expectRefused(url: string, message: string | RegExp, sourceId?: string) {
  const row = await archive(sourceId ?? (await addressOnlySource()), url);
  expect(row.status).toBe("FAILED");
  if (typeof message === "string") expect(row.message).toBe(message);
  else expect(row.message).toMatch(message);
  expect(row.sha256).toBeNull();
  return row;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

async function download(userId: string | null, workspaceId: string, sourceId: string, archiveId: string) {
  const headers = new Headers();
  if (userId) {
    const { sessionId } = await callerFor(userId);
    const token = await encode({ token: { sid: sessionId, sub: userId }, secret: authSecret() });
    headers.set("cookie", `next-auth.session-token=${token}`);
  }
  const path = `/api/w/${workspaceId}/sources/${sourceId}/archives/${archiveId}`;
  return archiveRoute(new NextRequest(`http://localhost${path}`, { headers }), {
    params: Promise.resolve({ workspaceId, sourceId, archiveId }),
  });
}

describe("archiving a page from an allowed host", () => {
  it("keeps the page as fetched, its readable text, and gives the text to a source that had none", async () => {
    const sourceId = await addressOnlySource(`${site.base}/article`);
    const row = await archive(sourceId);
    expect(row).toMatchObject({
      status: "DONE",
      message: "",
      url: `${site.base}/article`,
      finalUrl: `${site.base}/article`,
      httpStatus: 200,
      contentType: "text/html",
      size: PAGE.byteLength,
      sha256: sha256(PAGE),
      textApplied: true,
      requestedBy: { id: t.users.analyst.id },
    });
    expect(row.finishedAt).toBeInstanceOf(Date);

    // The readable text: the article, without the site around it.
    const { text } = await t.viewer.source.archiveText({ archiveId: row.id });
    expect(text).toContain("The main crossing between Herat province and Iran reopened to lorries on Thursday");
    for (const junk of ["Accept all", "Cookie settings", "Search the Ledger", "Most read", "All rights reserved"])
      expect(text, junk).not.toContain(junk);
    expect(row.textLength).toBe(text.length);

    // The source had no text: now it has this one, read from this file.
    const source = await t.viewer.source.get({ sourceId });
    expect(source.text).toBe(text);
    expect(source.original).toMatchObject({ sha256: sha256(PAGE), contentType: "text/html", size: PAGE.byteLength });
    const history = await t.analyst.history.list({ targetType: "source", targetId: sourceId });
    expect(history.at(-1)).toMatchObject({ action: "text_from_archive", version: 2 });

    // The bytes, for anyone who may open the source, exactly as served.
    const res = await download(t.users.viewer.id, t.ws, sourceId, row.id);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PAGE);
    expect(res.headers.get("x-content-sha256")).toBe(sha256(PAGE));
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="127.0.0.1-article.html"`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");

    const audit = await db.auditLog.findMany({
      where: { workspaceId: t.ws, targetId: sourceId, action: { startsWith: "source." } },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "source.created",
      "source.archive_requested",
      "source.text_from_archive",
      "source.archived",
    ]);
    expect(new Set(audit.map((a) => a.actorId))).toEqual(new Set([t.users.analyst.id]));
  });

  it("leaves a source's text as it is when it has one, and keeps the archived text beside it", async () => {
    const created = await t.analyst.source.create({
      workspaceId: t.ws,
      kind: "NEWS_REPORT",
      title: "Pasted earlier",
      url: `${site.base}/notes.txt`,
      text: "Our own copy of the notes, typed from a printout.",
    });
    if (created.status !== "created") throw new Error("expected a new source");
    const row = await archive(created.source.id);
    expect(row).toMatchObject({
      status: "DONE",
      contentType: "text/plain",
      sha256: sha256(NOTES),
      textApplied: false,
      message: "The source's text was left as it is: it already had a text.",
    });
    expect((await t.analyst.source.archiveText({ archiveId: row.id })).text).toContain("counted at the second gate");
    const source = await t.analyst.source.get({ sourceId: created.source.id });
    expect(source.text).toBe("Our own copy of the notes, typed from a printout.");
    expect(source.version).toBe(1);
  });

  it("reads a PDF and a compressed page, follows redirects (up to five) and lists archives newest first", async () => {
    const sourceId = await addressOnlySource();
    const pdf = await archive(sourceId, `${site.base}/note.pdf`);
    expect(pdf).toMatchObject({
      status: "DONE",
      contentType: "application/pdf",
      sha256: sha256(PDF),
      textApplied: true,
    });
    expect((await t.analyst.source.archiveText({ archiveId: pdf.id })).text).toContain("Iran and the Taliban");

    const gz = await archive(sourceId, `${site.base}/gzipped`);
    // The page as it was served, its transfer compression undone.
    expect(gz).toMatchObject({ status: "DONE", sha256: sha256(PAGE), textApplied: false });

    const hops = await archive(sourceId, `${site.base}/hop?n=4`);
    expect(hops).toMatchObject({ status: "DONE", finalUrl: `${site.base}/article`, sha256: sha256(PAGE) });
    await expectRefused(`${site.base}/hop?n=5`, "more than 5 redirects", sourceId);

    const { items, nextCursor } = await t.viewer.source.archives({ sourceId, limit: 3 });
    expect(items.map((a) => a.url)).toEqual([`${site.base}/hop?n=5`, `${site.base}/hop?n=4`, `${site.base}/gzipped`]);
    const rest = await t.viewer.source.archives({ sourceId, limit: 3, cursor: nextCursor });
    expect(rest.items.map((a) => a.url)).toEqual([`${site.base}/note.pdf`]);
    expect(rest.nextCursor).toBeNull();
  });
});

describe("addresses the server must not fetch", () => {
  it("refuses private, loopback, link-local and IPv4-mapped addresses, and names resolving to them", async () => {
    await expectRefused(`http://127.0.0.1:${other.port}/`, "refused: 127.0.0.1 is a loopback address");
    await expectRefused("http://10.0.0.1/", "refused: 10.0.0.1 is a private address");
    await expectRefused("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local address");
    await expectRefused(`http://[::1]:${other.port}/`, "refused: ::1 is a loopback address");
    // The URL parser writes ::ffff:127.0.0.1 in hex; it is judged as the IPv4 address it carries.
    await expectRefused(`http://[::ffff:127.0.0.1]:${other.port}/`, "refused: ::ffff:7f00:1 is a loopback address");
    await expectRefused(`http://localhost:${other.port}/`, /^refused: (127\.0\.0\.1|::1) is a loopback address$/);
    expect(requestsToOther).toBe(0);
  });

  it("refuses a redirect from the allowed host to any of them, another port of the same host included", async () => {
    const to = (target: string) => `${site.base}/redirect?to=${encodeURIComponent(target)}`;
    const cases: [string, string][] = [
      [`http://127.0.0.1:${other.port}/`, "refused: 127.0.0.1 is a loopback address"],
      ["http://10.1.2.3/admin", "refused: 10.1.2.3 is a private address"],
      ["http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local address"],
      [`http://[::1]:${other.port}/`, "refused: ::1 is a loopback address"],
      [`http://[::ffff:127.0.0.1]:${other.port}/`, "refused: ::ffff:7f00:1 is a loopback address"],
      ["file:///etc/passwd", "refused: only http and https addresses are fetched, not file"],
    ];
    for (const [target, message] of cases) {
      const row = await expectRefused(to(target), message);
      // Where it stopped: the hop that was refused.
      if (!target.startsWith("file:")) expect(row.finalUrl).toBe(new URL(target).href);
    }
    expect(requestsToOther).toBe(0);
  });

  it("connects to the address it checked, whatever the name resolves to afterwards", async () => {
    const limits = { maxBytes: 1024 * 1024, totalMs: 4000, firstByteMs: 2000, maxRedirects: 5 };
    // A name only this resolver knows, allowed by name: fetched from the address the resolver gave.
    let lookups = 0;
    const resolve = async () => {
      lookups++;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const fetched = await fetchPage(`http://archive-check.example:${site.port}/notes.txt`, {
      allowedHosts: [`archive-check.example:${site.port}`],
      limits,
      resolve,
    });
    expect(fetched).toMatchObject({ ok: true, kind: "txt", httpStatus: 200 });
    expect(lookups).toBe(1);
    // A name with a public and a private address is refused whole.
    const mixed = await fetchPage("http://mixed.example/", {
      allowedHosts: [],
      limits,
      resolve: async () => [
        { address: "93.184.215.14", family: 4 },
        { address: "192.168.1.20", family: 4 },
      ],
    });
    expect(mixed).toMatchObject({ ok: false, message: "refused: 192.168.1.20 is a private address" });
  });
});

describe("limits and failures", () => {
  it("refuses a page over 10 MB, declared or not", async () => {
    await expectRefused(`${site.base}/big`, "the page is larger than 10 MB");
    await expectRefused(`${site.base}/big-undeclared`, "the page is larger than 10 MB");
  });

  it("gives up on a server that does not answer, or stops half-way", async () => {
    await expectRefused(`${site.base}/stall`, "no answer within 2 s");
    await expectRefused(`${site.base}/slow-body`, "the page did not arrive in full within 4 s");
  });

  it("says when a name cannot be resolved, the page is missing, or its type is not read", async () => {
    await expectRefused(
      "http://something.invalid/page",
      "the server has no network access (could not resolve something.invalid)",
    );
    const missing = await expectRefused(`${site.base}/nothing-here`, "the server answered HTTP 404");
    expect(missing.httpStatus).toBe(404);
    const picture = await expectRefused(
      `${site.base}/picture`,
      "unsupported type: image/png (only HTML, plain text and PDF pages are archived)",
    );
    expect(picture.contentType).toBe("image/png");
  });

  it("refuses a second request while one waits for the same source", async () => {
    const sourceId = await addressOnlySource();
    // A page that takes the whole answer time, so the first request is still waiting.
    const first = await t.analyst.source.archive({ sourceId, url: `${site.base}/stall` });
    await expect(t.reviewer.source.archive({ sourceId, url: `${site.base}/article` })).rejects.toThrow(
      "This source already has a page waiting to be archived. When that one is done or has failed, ask again.",
    );
    expect(await db.sourceArchive.count({ where: { sourceId } })).toBe(1);
    await archiveSettled(first.id);
    const again = await archive(sourceId, `${site.base}/article`);
    expect(again.status).toBe("DONE");
  });
});

describe("who may archive, read archives and allow hosts", () => {
  it("lets contributors ask, every member read, and nobody outside the workspace know of it", async () => {
    const sourceId = await addressOnlySource(`${site.base}/notes.txt?copy=authz`);
    const row = await archive(sourceId);
    expect(await codeOf(t.viewer.source.archive({ sourceId }))).toBe("FORBIDDEN");
    expect(await codeOf(t.outsider.source.archive({ sourceId }))).toBe("NOT_FOUND");
    expect(await codeOf(t.outsider.source.archives({ sourceId }))).toBe("NOT_FOUND");
    expect(await codeOf(t.outsider.source.archiveText({ archiveId: row.id }))).toBe("NOT_FOUND");
    expect(await codeOf(t.viewer.source.archiveText({ archiveId: row.id }))).toBe("ok");

    expect((await download(t.users.outsider.id, t.ws, sourceId, row.id)).status).toBe(404);
    expect((await download(t.users.outsider.id, t.other.id, sourceId, row.id)).status).toBe(404);
    expect((await download(t.users.viewer.id, t.other.id, sourceId, row.id)).status).toBe(404);
    const elsewhere = await addressOnlySource();
    expect((await download(t.users.viewer.id, t.ws, elsewhere, row.id)).status).toBe(404);
    expect((await download(null, t.ws, sourceId, row.id)).status).toBe(401);
    expect(await db.sourceArchive.count({ where: { sourceId } })).toBe(1);
  });

  it("keeps the allowed hosts for admins: normalised, audited, and a stale save refused", async () => {
    for (const caller of [t.analyst, t.reviewer, t.viewer])
      expect(await codeOf(caller.workspace.archiveSettings({ workspaceId: t.ws }))).toBe("FORBIDDEN");
    expect(await codeOf(t.outsider.workspace.archiveSettings({ workspaceId: t.ws }))).toBe("NOT_FOUND");
    const before = await t.admin.workspace.archiveSettings({ workspaceId: t.ws });
    const saved = await t.admin.workspace.updateArchiveSettings({
      workspaceId: t.ws,
      version: before.version,
      allowedHosts: [`127.0.0.1:${site.port}`, "  Intranet.Example ", "[::1]", "intranet.example", "", "10.0.0.5:8080"],
    });
    expect(saved).toEqual({
      allowedHosts: [`127.0.0.1:${site.port}`, "intranet.example", "[::1]", "10.0.0.5:8080"],
      version: before.version + 1,
    });
    // Saved over by someone who opened the page before that save: refused, and nothing changes.
    await expect(
      t.admin.workspace.updateArchiveSettings({ workspaceId: t.ws, version: before.version, allowedHosts: [] }),
    ).rejects.toThrow("Someone else changed the allowed hosts after you opened this page.");
    expect(await t.admin.workspace.archiveSettings({ workspaceId: t.ws })).toEqual(saved);
    const audit = await db.auditLog.findFirst({
      where: { workspaceId: t.ws, action: "workspace.archive_hosts" },
      orderBy: { id: "desc" },
      select: { actorId: true, before: true, after: true },
    });
    expect(audit).toMatchObject({
      actorId: t.users.admin.id,
      before: { allowedHosts: [`127.0.0.1:${site.port}`] },
      after: { allowedHosts: saved.allowedHosts },
    });

    // [::1] allowed: the loopback address of the IPv6 form is fetched now (and answers nothing here).
    const row = await archive(await addressOnlySource(), `http://[::1]:${other.port}/`);
    expect(row.message).not.toMatch(/^refused/);
  });
});

describe("bad input", () => {
  it("refuses malformed addresses and unstorable text with a 4xx, and changes nothing", async () => {
    const sourceId = await addressOnlySource();
    const noAddress = await t.analyst.source.create({
      workspaceId: t.ws,
      kind: "REPORT",
      title: "Pasted only",
      text: "A text with no address at all.",
    });
    if (noAddress.status !== "created") throw new Error("expected a new source");
    const count = () => db.sourceArchive.count({ where: { workspaceId: t.ws } });
    const before = await count();
    for (const url of [
      "javascript:alert(1)",
      "file:///etc/passwd",
      "ftp://files.example/a",
      "http://user:secret@news.example/a",
      "news.example/a",
      "http://news.example/a b",
      "http://news.example/\u0000",
      "http://news.example/\uD800",
      `http://news.example/${"a".repeat(10 * 1024 * 1024)}`,
    ])
      expect(await codeOf(t.analyst.source.archive({ sourceId, url })), url.slice(0, 40)).toBe("BAD_REQUEST");
    await expect(t.analyst.source.archive({ sourceId: noAddress.source.id })).rejects.toThrow(
      "This source has no web address. Enter the address to archive.",
    );
    expect(await codeOf(t.analyst.source.archive({ sourceId: "\u0000" }))).toBe("BAD_REQUEST");
    expect(await codeOf(t.analyst.source.archive({ sourceId: "no-such-source" }))).toBe("NOT_FOUND");
    expect(await codeOf(t.analyst.source.archiveText({ archiveId: "\uD800" }))).toBe("BAD_REQUEST");
    expect(await codeOf(t.analyst.source.archives({ sourceId, cursor: "not!a!cursor" }))).toBe("BAD_REQUEST");
    expect(await count()).toBe(before);

    const settings = await t.admin.workspace.archiveSettings({ workspaceId: t.ws });
    for (const allowedHosts of [
      ["http://intranet.example/"],
      ["*.example"],
      ["intranet.example:99999"],
      ["intra net.example"],
      ["intranet.example\u0000"],
      ["\uD800"],
      ["a".repeat(10 * 1024 * 1024)],
      Array.from({ length: 101 }, (_, i) => `host-${i}.example`),
    ])
      expect(
        await codeOf(
          t.admin.workspace.updateArchiveSettings({ workspaceId: t.ws, version: settings.version, allowedHosts }),
        ),
      ).toBe("BAD_REQUEST");
    expect(await t.admin.workspace.archiveSettings({ workspaceId: t.ws })).toEqual(settings);
  });
});
