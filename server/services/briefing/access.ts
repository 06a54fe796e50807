import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { forbidden, notFound } from "../../errors.ts";
import { can, type Permission } from "../../policy.ts";
import {
  briefingContentSchema,
  keyJudgmentSchema,
  MARKINGS,
  type BriefingContent,
  type Marking,
} from "../../schemas/briefing.ts";
import { requireAccessFor, type Access } from "../access/index.ts";
import type { Actor } from "../access/index.ts";

export type BriefingAccess = { workspaceId: string; access: Access; drafts: boolean };

const MESSAGES: Partial<Record<Permission, string>> = {
  "briefing.readDrafts": "Your role in this workspace shows published briefings only.",
  "briefing.write": "Your role in this workspace does not allow writing briefings.",
  "briefing.comment": "Your role in this workspace does not allow commenting on briefings.",
  "review.decide": "Only reviewers and admins can decide on submissions.",
};

/** FORBIDDEN with a message that names what the role may not do. */
export function requireRole(access: Access, permission: Permission) {
  if (!can(access.role, permission))
    throw forbidden(MESSAGES[permission] ?? "Your role in this workspace does not allow that.");
}

/**
 * Finds a briefing the actor may see, then checks the permission. Unknown,
 * deleted and other workspaces' briefings are NOT_FOUND, and so is one never
 * published for a viewer: a viewer must not learn that a draft exists.
 */
export async function loadBriefingAccess(
  actor: Actor,
  briefingId: string,
  permission: Permission = "briefing.readPublished",
): Promise<BriefingAccess> {
  const b = await db.briefing.findUnique({
    where: { id: briefingId },
    select: { workspaceId: true, deletedAt: true, publishedAt: true },
  });
  if (!b || b.deletedAt) throw notFound("Briefing");
  const access = await requireAccessFor("Briefing", actor, b.workspaceId, "briefing.readPublished");
  const drafts = can(access.role, "briefing.readDrafts");
  if (!drafts && !b.publishedAt) throw notFound("Briefing");
  requireRole(access, permission);
  return { workspaceId: b.workspaceId, access, drafts };
}

export const contentSelect = {
  title: true,
  marking: true,
  summary: true,
  body: true,
  keyJudgments: true,
} satisfies Prisma.BriefingSelect;

export function asMarking(value: string): Marking {
  return (MARKINGS as readonly string[]).includes(value) ? (value as Marking) : "TLP:AMBER";
}

/** Stored JSON back to content; a judgment that no longer parses is left out rather than failing the page or the export. */
export function contentOf(raw: {
  title: string;
  marking: string;
  summary: string;
  body: string;
  keyJudgments: unknown;
}): BriefingContent {
  const parsed = briefingContentSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const judgments = Array.isArray(raw.keyJudgments)
    ? raw.keyJudgments.flatMap((k) => keyJudgmentSchema.safeParse(k).data ?? [])
    : [];
  return {
    title: raw.title || "Untitled briefing",
    marking: asMarking(raw.marking),
    summary: raw.summary ?? "",
    body: raw.body ?? "",
    keyJudgments: judgments,
  };
}

/** A publication's stored content, read through the same parser. */
export function publishedContentOf(stored: unknown): BriefingContent {
  const raw = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  const text = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : "");
  return contentOf({
    title: text("title"),
    marking: text("marking"),
    summary: text("summary"),
    body: text("body"),
    keyJudgments: raw.keyJudgments,
  });
}

/** Ids to names in one query. */
export async function namesOf(ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

export const people = (ids: string[], names: Map<string, string>) =>
  [...new Set(ids)].map((id) => ({ id, name: names.get(id) ?? "Former member" }));

/** Instants in messages: in UTC, so everyone reads the same time whatever the server's zone. */
export const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
