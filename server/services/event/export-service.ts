import { db } from "../../db/client.ts";
import type { FrozenEvent, FrozenSource } from "../../schemas/briefing-document.ts";
import type { ExportEventsInput } from "../../schemas/event.ts";
import { requireAccess, type Actor } from "../access/index.ts";
import { loadCitedMaterial } from "../briefing/index.ts";
import { lensFor } from "../vote/index.ts";
import { eventPage, filterWindow } from "./read-service.ts";

/**
 * The chronology as a file, read a page at a time so a workspace of any size
 * is exported with flat memory: the rows are read by the chronology's own
 * keyset cursor (same filters, same "viewers see published only" rule), and
 * each page is resolved exactly as a briefing resolves what it cites (date,
 * rating as this reader may see it, quotes, revision ids), so the rows have
 * the shape of a briefing's CSV and JSON exports.
 *
 * Pages are read one after another, each in its own short query rather than
 * one long transaction: an export must not hold a pooled connection and an
 * old snapshot for the minute a large workspace takes. An event re-dated
 * while its page is being passed may therefore be missed or appear twice.
 * Access is checked again before every page, so a membership removed or
 * downgraded during a download stops it.
 */

/** Events per page: a few hundred rows keep each query short and the memory of a page small. */
export const EXPORT_PAGE_SIZE = 500;

export type ChronologyExport = {
  workspace: { id: string; name: string };
  exportedAt: string;
  /** Pages of events in chronology order, with the sources their quotes come from. */
  events: () => AsyncGenerator<{ events: FrozenEvent[]; sources: FrozenSource[] }>;
  /** After `events` has run to its end: every source quoted, each once, in the order first quoted. */
  sources: () => AsyncGenerator<FrozenSource[]>;
};

export async function exportChronology(
  actor: Actor,
  input: Omit<ExportEventsInput, "format">,
  now = new Date(),
): Promise<ChronologyExport> {
  const access = await requireAccess(actor, input.workspaceId, "event.readPublished");
  // A filter that is not a date is refused before the download starts (a 400, not a cut transfer).
  filterWindow(input);
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: input.workspaceId },
    select: { id: true, name: true },
  });
  const lens = lensFor(actor, access.role);
  // Ids only (not the sources themselves): bounded by the workspace's sources, not by its events.
  const quoted = new Set<string>();

  async function* events() {
    let cursor: string | undefined;
    for (;;) {
      const current = await requireAccess(actor, input.workspaceId, "event.readPublished");
      const page = await eventPage(current, { ...input, order: "chronological", limit: EXPORT_PAGE_SIZE, cursor });
      if (page.rows.length) {
        const { material } = await loadCitedMaterial(
          db,
          input.workspaceId,
          { eventIds: page.rows.map((r) => r.id), sourceIds: [] },
          lens,
        );
        const byId = new Map(material.events.map((e) => [e.id, e]));
        for (const s of material.sources) quoted.add(s.id);
        yield {
          // The chronology's order (date, then id), not the briefing's (date, then title).
          events: page.rows.map((r) => byId.get(r.id)).filter((e): e is FrozenEvent => e !== undefined),
          sources: material.sources,
        };
      }
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }

  async function* sources() {
    const ids = [...quoted];
    for (let i = 0; i < ids.length; i += EXPORT_PAGE_SIZE) {
      await requireAccess(actor, input.workspaceId, "event.readPublished");
      const { material } = await loadCitedMaterial(
        db,
        input.workspaceId,
        { eventIds: [], sourceIds: ids.slice(i, i + EXPORT_PAGE_SIZE) },
        lens,
      );
      yield material.sources;
    }
  }

  return { workspace, exportedAt: now.toISOString(), events, sources };
}
