import { db } from "../../db/client.ts";
import { badRequest, conflict } from "../../errors.ts";
import { writeCorrectionSchema, type WriteCorrectionInput } from "../../schemas/evidence.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { loadBriefingAccess } from "./access.ts";
import { lockBriefing, recordBriefingRevision, staleSave } from "./briefing-service.ts";
import { writeNextVersion } from "./next-version.ts";

/**
 * Writes the correction notice of a published briefing: an edit of the
 * working copy like any other (based on the current version, else CONFLICT),
 * which starts a new draft revision that goes through review; readers see
 * the notice once a reviewer approves it (publish in review-service.ts).
 */
export async function writeBriefingCorrection(actor: Actor, raw: WriteCorrectionInput) {
  const input = writeCorrectionSchema.parse(raw);
  const { workspaceId } = await loadBriefingAccess(actor, input.id, "briefing.write");
  return db.$transaction(async (tx) => {
    const row = await lockBriefing(tx, input.id);
    if (!row.publishedAt) throw badRequest("Only a published briefing can be corrected: edit the draft instead.");
    if (row.status === "PENDING")
      throw conflict("This briefing is waiting for review. Withdraw the submission to edit it.");
    if (row.version !== input.version) throw await staleSave(tx, row);
    const before = (await tx.briefing.findUniqueOrThrow({ where: { id: input.id }, select: { correction: true } }))
      .correction;
    if (before === input.text) return { version: row.version, status: row.status };
    const { version, status } = await writeNextVersion(tx, row, [actor], { correction: input.text });
    await recordBriefingRevision(tx, actor, {
      workspaceId,
      briefingId: input.id,
      version,
      action: "correction_written",
      snapshot: { correction: input.text, status },
    });
    await recordAudit(tx, actor, {
      workspaceId,
      action: "briefing.correction_written",
      targetType: "briefing",
      targetId: input.id,
      before: { correction: before, status: row.status, version: row.version },
      after: { correction: input.text, status, version },
    });
    return { version, status };
  });
}
