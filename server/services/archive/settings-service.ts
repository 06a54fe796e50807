import { db } from "../../db/client.ts";
import { conflict } from "../../errors.ts";
import { updateArchiveSettingsSchema, type UpdateArchiveSettingsInput } from "../../schemas/archive.ts";
import { requireAccess } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";

const STALE = "Someone else changed the allowed hosts after you opened this page. Nothing was saved.";

/** The hosts the server may fetch from although their addresses are private; admins only. */
export async function getArchiveSettings(actor: Actor, input: { workspaceId: string }) {
  await requireAccess(actor, input.workspaceId, "workspace.update");
  const ws = await db.workspace.findUniqueOrThrow({
    where: { id: input.workspaceId },
    select: { archiveAllowedHosts: true, archiveHostsVersion: true },
  });
  return { allowedHosts: ws.archiveAllowedHosts, version: ws.archiveHostsVersion };
}

/**
 * Replaces the list, based on the version the admin opened (else CONFLICT and
 * nothing is saved): allowing a host opens the server's own network to every
 * member who can archive, so two admins' edits must not silently undo each other.
 */
export async function updateArchiveSettings(actor: Actor, raw: UpdateArchiveSettingsInput) {
  const input = updateArchiveSettingsSchema.parse(raw);
  await requireAccess(actor, input.workspaceId, "workspace.update");
  return db.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({
      where: { id: input.workspaceId },
      select: { archiveAllowedHosts: true },
    });
    const { count } = await tx.workspace.updateMany({
      where: { id: input.workspaceId, archiveHostsVersion: input.version },
      data: { archiveAllowedHosts: input.allowedHosts, archiveHostsVersion: { increment: 1 } },
    });
    if (count === 0) throw conflict(STALE);
    await recordAudit(tx, actor, {
      workspaceId: input.workspaceId,
      action: "workspace.archive_hosts",
      targetType: "workspace",
      targetId: input.workspaceId,
      before: { allowedHosts: before.archiveAllowedHosts },
      after: { allowedHosts: input.allowedHosts, version: input.version + 1 },
    });
    return { allowedHosts: input.allowedHosts, version: input.version + 1 };
  });
}
