import { createHash } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as originalRoute } from "../../app/api/w/[workspaceId]/sources/[sourceId]/original/route.ts";
import { authSecret } from "../../server/auth.ts";
import { db } from "../../server/db/client.ts";
import { renderExport } from "../../server/export/export-file.ts";
import { loadBriefingForExport } from "../../server/services/briefing/index.ts";
import { extractUpload } from "../../server/services/source/index.ts";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, type CurationTeam } from "../helpers/curation.ts";
import { makeTeam } from "../helpers/factories.ts";
import { pdfPages, plain } from "../helpers/pdf-text.ts";

/**
 * The file a source was read from stays provable: kept byte for byte under its
 * SHA-256 (once per workspace), downloadable by the workspace's members only,
 * and its hash printed in the briefing PDF's manifest.
 */

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dam opened</title></head>
<body><article><h1>Dam opened</h1><p>The regional authority opened the northern dam on Tuesday, officials said.</p>
<p>Farmers downstream welcomed the water after a dry spring.</p></article></body></html>`;
const bytes = new TextEncoder().encode(PAGE);
const sha256 = createHash("sha256").update(bytes).digest("hex");

async function upload(t: CurationTeam, fileName = "dam.html") {
  return extractUpload({ userId: t.users.analyst.id }, t.ws, { fileName, mimeType: "text/html", bytes });
}

async function sourceFromUpload(t: CurationTeam) {
  const read = await upload(t);
  const created = await t.analyst.source.create({
    workspaceId: t.ws,
    kind: "NEWS_REPORT",
    title: read.title ?? "Dam opened",
    text: read.text,
    originalSha256: read.original.sha256,
  });
  if (created.status !== "created") throw new Error("expected a new source");
  return created.source.id;
}

async function download(userId: string | null, workspaceId: string, sourceId: string) {
  const headers = new Headers();
  if (userId) {
    const { sessionId } = await callerFor(userId);
    const token = await encode({ token: { sid: sessionId, sub: userId }, secret: authSecret() });
    headers.set("cookie", `next-auth.session-token=${token}`);
  }
  const req = new NextRequest(`http://localhost/api/w/${workspaceId}/sources/${sourceId}/original`, { headers });
  return originalRoute(req, { params: Promise.resolve({ workspaceId, sourceId }) });
}

describe("original files of sources", () => {
  it("keeps an uploaded file once per hash and links it from the source that was made from it", async () => {
    const t = await curationTeam();
    const first = await upload(t);
    expect(first.original).toEqual({ sha256, size: bytes.byteLength });
    // The same bytes again, under another name: still one stored file.
    await upload(t, "copy-of-dam.html");
    const rows = await db.sourceOriginal.findMany({
      where: { workspaceId: t.ws },
      select: { sha256: true, fileName: true },
    });
    expect(rows).toEqual([{ sha256, fileName: "dam.html" }]);

    const sourceId = await sourceFromUpload(t);
    const page = await t.viewer.source.get({ sourceId, withText: false });
    expect(page.original).toMatchObject({ sha256, fileName: "dam.html", contentType: "text/html", size: bytes.length });

    // A hash the workspace never received is refused, not linked.
    const bogus = await t.analyst.source
      .create({
        workspaceId: t.ws,
        kind: "NEWS_REPORT",
        title: "Other",
        text: "Other text",
        originalSha256: "0".repeat(64),
      })
      .then(
        () => "ok",
        (e: { code?: string }) => e.code,
      );
    expect(bogus).toBe("BAD_REQUEST");
  });

  it("links an imported file to the sources the import made", async () => {
    const t = await curationTeam();
    const started = await t.analyst.import.start({
      workspaceId: t.ws,
      file: { fileName: "dam.html", mimeType: "text/html", contentBase64: Buffer.from(bytes).toString("base64") },
    });
    expect(started.status).toBe("started");
    const sources = await db.source.findMany({ where: { workspaceId: t.ws }, select: { originalSha256: true } });
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((s) => s.originalSha256 === sha256)).toBe(true);
    expect(await db.sourceOriginal.count({ where: { workspaceId: t.ws } })).toBe(1);
  });

  it("is downloaded as it came by members, as an attachment, and by nobody else", async () => {
    const t = await curationTeam();
    const sourceId = await sourceFromUpload(t);

    for (const userId of [t.users.analyst.id, t.users.viewer.id]) {
      const res = await download(userId, t.ws, sourceId);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="dam.html"');
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const body = new Uint8Array(await res.arrayBuffer());
      expect(createHash("sha256").update(body).digest("hex")).toBe(sha256);
    }

    // Someone from another workspace, under either workspace's address: not found.
    expect((await download(t.users.outsider.id, t.ws, sourceId)).status).toBe(404);
    const other = await makeTeam();
    expect((await download(other.users.admin.id, other.workspace.id, sourceId)).status).toBe(404);
    expect((await download(other.users.admin.id, t.ws, sourceId)).status).toBe(404);
    expect((await download(null, t.ws, sourceId)).status).toBe(401);

    // A source in the trash is not shown to viewers, nor is its file.
    await db.source.update({ where: { id: sourceId }, data: { deletedAt: new Date(), deletedById: t.users.admin.id } });
    expect((await download(t.users.viewer.id, t.ws, sourceId)).status).toBe(404);
  });

  it("answers 404 for a source whose text was pasted", async () => {
    const t = await curationTeam();
    const created = await t.analyst.source.create({
      workspaceId: t.ws,
      kind: "NEWS_REPORT",
      title: "Pasted",
      text: "A pasted statement.",
    });
    if (created.status !== "created") throw new Error("expected a new source");
    expect((await t.analyst.source.get({ sourceId: created.source.id })).original).toBeNull();
    expect((await download(t.users.analyst.id, t.ws, created.source.id)).status).toBe(404);
  });

  it("prints the original's hash in the briefing PDF's manifest", async () => {
    const t = await curationTeam();
    const sourceId = await sourceFromUpload(t);
    const b = await t.analyst.briefing.create({ workspaceId: t.ws, title: "Water in the north" });
    await t.analyst.briefing.update({
      id: b.id,
      version: b.version,
      marking: "TLP:AMBER",
      summary: "The northern dam was opened.",
      body: `The authority opened the dam [@source:${sourceId}].`,
      keyJudgments: [],
    });
    const { doc, revisionId } = await loadBriefingForExport({ userId: t.users.analyst.id }, b.id, "working");
    expect(doc.cited.sources.find((s) => s.id === sourceId)?.originalSha256).toBe(sha256);
    const file = await renderExport(doc, revisionId, "pdf");
    const all = pdfPages(file.body as Uint8Array)
      .map(plain)
      .join("\n");
    const manifest = all.slice(all.lastIndexOf("Manifest")).replace(/\s+/g, "");
    expect(manifest).toContain(`originalsha256:${sha256}`);
  });
});
