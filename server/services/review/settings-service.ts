import { db } from "../../db/client.ts";
import { requireAccess } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";

export async function updateReviewSettings(actor: Actor, input: { workspaceId: string; requiredApprovals: 1 | 2 }) {
  await requireAccess(actor, input.workspaceId, "workspace.update");
  return db.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({
      where: { id: input.workspaceId },
      select: { requiredApprovals: true },
    });
    await tx.workspace.update({
      where: { id: input.workspaceId },
      data: { requiredApprovals: input.requiredApprovals },
    });
    await recordAudit(tx, actor, {
      workspaceId: input.workspaceId,
      action: "workspace.review_settings",
      targetType: "workspace",
      targetId: input.workspaceId,
      before,
      after: { requiredApprovals: input.requiredApprovals },
    });
    return { requiredApprovals: input.requiredApprovals };
  });
}
