import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { DomainError, forbidden, notFound } from "../errors.ts";
import { can, type Permission } from "../policy.ts";
import { MARKINGS, type BriefingContent, type KeyJudgment, type Marking } from "../schemas/briefing.ts";
import { requireAccess, type Access } from "./access.ts";
import type { Actor } from "./actor.ts";

export type BriefingAccess = { workspaceId: string; access: Access; drafts: boolean };

const MESSAGES: Partial<Record<Permission, string>> = {
  "briefing.readDrafts": "Your role in this workspace shows published briefings only.",
  "briefing.write": "Your role in this workspace does not allow writing briefings.",
  "briefing.comment": "Your role in this workspace does not allow commenting on briefings.",
  "review.decide": "Only reviewers and admins can decide on submissions.",
};

/** FORBIDDEN with a message that names what the role may not do. */
export function requireRole(access: Access, permission: Permission) {
  if (!can(access.role, permission)) throw forbidden(MESSAGES[permission] ?? "Your role in this workspace does not allow that.");
}

/**
 * Finds a briefing the actor may see, then checks the permission. Unknown,
 * deleted and other workspaces' briefings are NOT_FOUND, and so is one never
 * published for a viewer: a viewer must not learn that a draft exists.
 */
export async function loadBriefingAccess(actor: Actor, briefingId: string, permission: Permission = "briefing.readPublished"): Promise<BriefingAccess> {
  const b = await db.briefing.findUnique({ where: { id: briefingId }, select: { workspaceId: true, deletedAt: true, publishedAt: true } });
  if (!b || b.deletedAt) throw notFound("Briefing");
  const access = await requireAccess(actor, b.workspaceId, "briefing.readPublished").catch((err: unknown) => {
    throw err instanceof DomainError && err.code === "NOT_FOUND" ? notFound("Briefing") : err;
  });
  const drafts = can(access.role, "briefing.readDrafts");
  if (!drafts && !b.publishedAt) throw notFound("Briefing");
  requireRole(access, permission);
  return { workspaceId: b.workspaceId, access, drafts };
}

export const contentSelect = { title: true, marking: true, summary: true, body: true, keyJudgments: true } satisfies Prisma.BriefingSelect;

export function asMarking(value: string): Marking {
  return (MARKINGS as readonly string[]).includes(value) ? (value as Marking) : "TLP:AMBER";
}

export function contentOf(row: { title: string; marking: string; summary: string; body: string; keyJudgments: Prisma.JsonValue }): BriefingContent {
  return {
    title: row.title,
    marking: asMarking(row.marking),
    summary: row.summary,
    body: row.body,
    keyJudgments: (Array.isArray(row.keyJudgments) ? row.keyJudgments : []) as unknown as KeyJudgment[],
  };
}

/** Ids to names in one query. */
export async function namesOf(ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

export const people = (ids: string[], names: Map<string, string>) => [...new Set(ids)].map((id) => ({ id, name: names.get(id) ?? "Former member" }));

/** Instants in messages: in UTC, so everyone reads the same time whatever the server's zone. */
export const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
