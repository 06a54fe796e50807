import { db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import type { Role } from "../../policy.ts";
import type { BriefingSettingsInput, CreateWorkspaceInput, UpdateWorkspaceInput } from "../../schemas/workspace.ts";
import { requireAccess } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { seesDrafts } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { slugify as slugOf } from "../../schemas/slug.ts";

export type WorkspaceSummary = { id: string; slug: string; name: string; description: string; role: Role };

export async function listMyWorkspaces(actor: Actor): Promise<WorkspaceSummary[]> {
  const rows = await db.membership.findMany({
    where: { userId: actor.userId, active: true },
    orderBy: { workspace: { name: "asc" } },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true, description: true } } },
  });
  return rows.map((r) => ({ ...r.workspace, role: r.role }));
}

export type WorkspaceOverview = WorkspaceSummary & {
  requiredApprovals: number;
  defaultMarking: string;
  memberCount: number;
};

/** Viewers get published events only: every other count is 0 for them. */
export type WorkspaceEventCounts = {
  draft: number;
  pending: number;
  changesRequested: number;
  rejected: number;
  published: number;
};

/** Looks a workspace up by its address, for members only. */
export async function getWorkspaceBySlug(actor: Actor, slug: string): Promise<WorkspaceOverview> {
  const ws = await db.workspace.findUnique({ where: { slug }, select: { id: true } });
  if (!ws) throw notFound("Workspace");
  const access = await requireAccess(actor, ws.id, "workspace.read");
  // Every page asks for this: no count of the workspace's events here (see getWorkspaceEventCounts).
  const [workspace, memberCount] = await Promise.all([
    db.workspace.findUniqueOrThrow({
      where: { id: ws.id },
      select: { id: true, slug: true, name: true, description: true, requiredApprovals: true, defaultMarking: true },
    }),
    db.membership.count({ where: { workspaceId: ws.id, active: true } }),
  ]);
  return { ...workspace, role: access.role, memberCount };
}

/**
 * The workspace's events by review state, for its overview page. A count of
 * every event (about 15 ms on 100,000), so only the page that shows it asks.
 */
export async function getWorkspaceEventCounts(actor: Actor, workspaceId: string): Promise<WorkspaceEventCounts> {
  const access = await requireAccess(actor, workspaceId, "workspace.read");
  const grouped = await db.event.groupBy({
    by: ["status"],
    where: { workspaceId, deletedAt: null },
    _count: { _all: true },
  });
  const count = (s: string) => grouped.find((g) => g.status === s)?._count._all ?? 0;
  const canSeeDrafts = seesDrafts(access.role);
  return {
    draft: canSeeDrafts ? count("DRAFT") : 0,
    pending: canSeeDrafts ? count("PENDING") : 0,
    changesRequested: canSeeDrafts ? count("CHANGES_REQUESTED") : 0,
    rejected: canSeeDrafts ? count("REJECTED") : 0,
    published: count("PUBLISHED"),
  };
}

export function slugify(name: string): string {
  return slugOf(name, "workspace");
}

/** Any signed-in user may start a workspace and becomes its first admin. */
export async function createWorkspace(actor: Actor, input: CreateWorkspaceInput): Promise<WorkspaceSummary> {
  const base = slugify(input.name);
  return db.$transaction(async (tx) => {
    const taken = await tx.workspace.findMany({
      where: { slug: { startsWith: base } },
      select: { slug: true },
    });
    const used = new Set(taken.map((t) => t.slug));
    let slug = base;
    for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
    const workspace = await tx.workspace.create({
      data: {
        slug,
        name: input.name,
        description: input.description ?? "",
        memberships: { create: { userId: actor.userId, role: "ADMIN" } },
      },
      select: { id: true, slug: true, name: true, description: true },
    });
    await recordAudit(tx, actor, {
      workspaceId: workspace.id,
      action: "workspace.created",
      targetType: "workspace",
      targetId: workspace.id,
      after: { name: workspace.name, slug },
    });
    return { ...workspace, role: "ADMIN" as const };
  });
}

export async function updateWorkspace(actor: Actor, input: UpdateWorkspaceInput) {
  await requireAccess(actor, input.workspaceId, "workspace.update");
  return db.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({
      where: { id: input.workspaceId },
      select: { name: true, description: true },
    });
    const after = await tx.workspace.update({
      where: { id: input.workspaceId },
      data: { name: input.name, description: input.description ?? "" },
      select: { name: true, description: true },
    });
    await recordAudit(tx, actor, {
      workspaceId: input.workspaceId,
      action: "workspace.updated",
      targetType: "workspace",
      targetId: input.workspaceId,
      before,
      after,
    });
    return after;
  });
}

/** Admins choose the marking new briefings start with. */
export async function updateBriefingSettings(actor: Actor, input: BriefingSettingsInput) {
  await requireAccess(actor, input.workspaceId, "workspace.update");
  return db.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({
      where: { id: input.workspaceId },
      select: { defaultMarking: true },
    });
    const after = await tx.workspace.update({
      where: { id: input.workspaceId },
      data: { defaultMarking: input.defaultMarking },
      select: { defaultMarking: true },
    });
    await recordAudit(tx, actor, {
      workspaceId: input.workspaceId,
      action: "workspace.briefing_settings",
      targetType: "workspace",
      targetId: input.workspaceId,
      before,
      after,
    });
    return after;
  });
}
