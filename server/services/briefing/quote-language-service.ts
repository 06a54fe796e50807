import { db } from "../../db/client.ts";
import type { SetQuoteLanguageInput } from "../../schemas/briefing.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { loadBriefingAccess } from "./access.ts";
import { lockBriefing, staleSave } from "./briefing-service.ts";
import { refuseUnlessEditable, writeNextVersion } from "./next-version.ts";

/**
 * Which text of each quote the exports print (original, translation or both).
 * Like the figures setting it changes what readers get, so it is an edit: based
 * on the current version (else CONFLICT), a new version, and a published
 * briefing becomes a draft of its next version while its publication keeps the
 * setting it was approved with.
 */
export async function setBriefingQuoteLanguage(actor: Actor, input: SetQuoteLanguageInput) {
  const { workspaceId } = await loadBriefingAccess(actor, input.id, "briefing.write");
  return db.$transaction(async (tx) => {
    const row = await lockBriefing(tx, input.id);
    refuseUnlessEditable(row);
    if (row.version !== input.version) throw await staleSave(tx, row);
    if (row.quoteLanguage === input.quoteLanguage) return { version: row.version, status: row.status };
    const { version, status } = await writeNextVersion(tx, row, [actor], { quoteLanguage: input.quoteLanguage });
    await recordAudit(tx, actor, {
      workspaceId,
      action: "briefing.updated",
      targetType: "briefing",
      targetId: input.id,
      before: { quoteLanguage: row.quoteLanguage, status: row.status, version: row.version },
      after: { quoteLanguage: input.quoteLanguage, status, version, changed: ["quoteLanguage"] },
    });
    return { version, status };
  });
}
