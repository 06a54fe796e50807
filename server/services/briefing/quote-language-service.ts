import { db } from "../../db/client.ts";
import { conflict } from "../../errors.ts";
import type { ReviewStatus as Status } from "../../policy.ts";
import type { SetQuoteLanguageInput } from "../../schemas/briefing.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { loadBriefingAccess } from "./access.ts";
import { lockBriefing, staleSave } from "./briefing-service.ts";

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
    if (row.deletedAt) throw conflict("This briefing was deleted.");
    if (row.status === "PENDING")
      throw conflict("This briefing is waiting for review. Withdraw the submission to edit it.");
    if (row.version !== input.version) throw await staleSave(tx, row);
    if (row.quoteLanguage === input.quoteLanguage) return { version: row.version, status: row.status };
    const status: Status = row.status === "PUBLISHED" ? "DRAFT" : row.status;
    const version = row.version + 1;
    const { count } = await tx.briefing.updateMany({
      where: { id: input.id, version: row.version },
      data: {
        quoteLanguage: input.quoteLanguage,
        status,
        version,
        updatedById: actor.userId,
        authorIds: [...new Set([...row.authorIds, actor.userId])],
      },
    });
    if (count === 0) throw await staleSave(tx, row);
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
