import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { renderExport } from "../../server/export/export-file.ts";
import { exportQuerySchema } from "../../server/schemas/briefing-procedures.ts";
import { loadBriefingForExport } from "../../server/services/briefing/index.ts";
import { curationTeam, eventInput, publish } from "../helpers/curation.ts";
import { pdfPages, plain } from "../helpers/pdf-text.ts";

/**
 * The network figure of a briefing: the people, organisations and places its
 * cited events name, linked when they share an event, drawn by the network
 * view's code into the PDF as vector SVG, from the material frozen at approval.
 */

async function text(body: Uint8Array | AsyncIterable<Uint8Array> | string): Promise<string> {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  const parts: Uint8Array[] = [];
  for await (const chunk of body) parts.push(chunk);
  return Buffer.concat(parts).toString("utf8");
}

describe("the briefing's network figure", () => {
  it("prints who appears with whom in the cited events, as approved, and downloads alone", async () => {
    const t = await curationTeam();
    const ws = t.ws;
    const envoy = await t.analyst.entity.create({ workspaceId: ws, kind: "PERSON", name: "Mina Rostami" });
    const council = await t.analyst.entity.create({ workspaceId: ws, kind: "ORGANIZATION", name: "Harbour Council" });
    const port = await t.analyst.entity.create({ workspaceId: ws, kind: "PLACE", name: "بندر لنگه" });
    const first = await t.analyst.event.create({
      workspaceId: ws,
      ...eventInput("Envoy meets the council", { year: 2012, month: 4 }),
      entities: [
        { entityId: envoy.id, role: "ACTOR" },
        { entityId: council.id, role: "ACTOR" },
      ],
    });
    const second = await t.analyst.event.create({
      workspaceId: ws,
      ...eventInput("Envoy visits the port", { year: 2013 }),
      entities: [
        { entityId: envoy.id, role: "ACTOR" },
        { entityId: port.id, role: "PLACE" },
      ],
    });
    await publish(t, first.id, second.id);
    const b = await t.analyst.briefing.create({ workspaceId: ws, title: "The envoy's rounds" });
    const saved = await t.analyst.briefing.update({
      id: b.id,
      version: b.version,
      body: `Met the council [@event:${first.id}], then went to the port [@event:${second.id}].`,
    });
    const on = await t.analyst.briefing.setFigures({
      id: b.id,
      version: saved.version,
      figures: { timeline: false, network: true },
    });
    const { round } = await t.analyst.briefing.submit({ id: b.id, version: on.version });
    await t.reviewer.briefing.decide({ id: b.id, round, decision: "APPROVE" });

    // After approval the port is no longer linked: the publication prints the network it was approved with.
    await db.eventEntity.deleteMany({ where: { eventId: second.id, entityId: port.id } });

    const approved = await loadBriefingForExport({ userId: t.users.viewer.id }, b.id, "published");
    expect(approved.doc.cited.events.map((e) => (e.entities ?? []).map((x) => x.name).sort())).toEqual([
      ["Harbour Council", "Mina Rostami"],
      ["Mina Rostami", "بندر لنگه"],
    ]);
    const pdf = await renderExport(approved.doc, approved.revisionId, "pdf");
    const pages = pdfPages(pdf.body as Uint8Array)
      .map(plain)
      .join("\n");
    expect(pages).toContain("Who appears with whom in the events this briefing cites");
    for (const name of ["Mina Rostami", "Harbour Council", "بندر لنگه"]) expect(pages).toContain(name);

    const svg = await renderExport(approved.doc, approved.revisionId, "svg", "network");
    expect(svg.fileName).toMatch(/-network-\d{4}-\d{2}-\d{2}\.svg$/);
    const drawn = await text(svg.body as Uint8Array);
    expect(drawn).toMatch(/^<\?xml[^>]*>\s*<svg/);
    // Three entities, two links: the envoy with the council, and with the port.
    expect(drawn).toContain("Mina Rostami");
    expect(drawn).toContain("بندر لنگه");
    const png = await renderExport(approved.doc, approved.revisionId, "png", "network");
    expect(
      Buffer.from(png.body as Uint8Array)
        .subarray(1, 4)
        .toString("latin1"),
    ).toBe("PNG");

    // The working copy, with the link gone and the figure off, draws none; asked for alone, it says why not.
    const working = await loadBriefingForExport({ userId: t.users.analyst.id }, b.id, "working");
    expect(working.doc.cited.events.flatMap((e) => e.entities ?? []).map((e) => e.name)).not.toContain("بندر لنگه");
  });

  it("refuses a figure it does not know, and says so when there is no entity to draw", async () => {
    expect(exportQuerySchema.safeParse({ format: "svg", figure: "pie" }).error?.issues[0]?.message).toBe(
      "Choose figure=timeline or figure=network",
    );
    const t = await curationTeam();
    const lone = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Nobody named", { year: 2014 }) });
    await publish(t, lone.id);
    const b = await t.analyst.briefing.create({ workspaceId: t.ws, title: "Unnamed" });
    await t.analyst.briefing.update({ id: b.id, version: b.version, body: `Quiet [@event:${lone.id}].` });
    const working = await loadBriefingForExport({ userId: t.users.analyst.id }, b.id, "working");
    await expect(renderExport(working.doc, working.revisionId, "svg", "network")).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/no network to draw/),
    });
  });
});
