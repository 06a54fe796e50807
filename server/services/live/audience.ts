import { db } from "../../db/client.ts";
import { DomainError } from "../../errors.ts";
import { can, isRole, type Role } from "../../policy.ts";
import { requireAccess, visibleCitations, visibleEvents, type Actor } from "../access/index.ts";

/**
 * What travels on the live channel: which record of which workspace changed,
 * never what changed in it. `k` is the kind of record, `id` its id; a
 * notification names its recipient (`u`) instead; presence names the kind of
 * the record being looked at (`t`).
 */
export type LiveMessage = {
  w: string;
  k: "event" | "citation" | "source" | "entity" | "briefing" | "membership" | "workspace" | "notification" | "presence";
  id?: string;
  u?: string;
  t?: "event" | "briefing";
};

const KINDS = new Set<string>([
  "event",
  "citation",
  "source",
  "entity",
  "briefing",
  "membership",
  "workspace",
  "notification",
  "presence",
]);

/** The message a trigger sent, or null when it is not one (nothing unknown is passed on). */
export function parseLiveMessage(payload: string): LiveMessage | null {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== "object") return null;
  const m = raw as Record<string, unknown>;
  if (typeof m.w !== "string" || typeof m.k !== "string" || !KINDS.has(m.k)) return null;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const t = m.t === "event" || m.t === "briefing" ? m.t : undefined;
  return { w: m.w, k: m.k as LiveMessage["k"], id: str(m.id), u: str(m.u), t };
}

/**
 * The role of an active member, or null: the same check, and the same kept
 * copy (cleared on every membership change, on every instance), as every
 * procedure's. Run for each message before it is passed on.
 */
export async function liveRole(actor: Actor, workspaceId: string): Promise<Role | null> {
  try {
    const access = await requireAccess(actor, workspaceId, "workspace.read");
    return isRole(access.role) ? access.role : null;
  } catch (err) {
    // Not a member (any more): no role. Anything else (the database went away) is the caller's to handle.
    if (err instanceof DomainError) return null;
    throw err;
  }
}

/**
 * Whether a member whose role shows published material only may learn that
 * this record changed: the visibility rule of server/services/access, read
 * as the record stands now. Even the id of a draft, of a proposal or of a
 * briefing never published must not reach them.
 */
export async function publishedReaderMaySee(m: LiveMessage): Promise<boolean> {
  const viewer: Role = "VIEWER";
  const kind = m.k === "presence" ? m.t : m.k;
  switch (kind) {
    case "membership":
    case "workspace":
      return true;
    case "event":
      return (
        !!m.id &&
        (await db.event.count({ where: { id: m.id, workspaceId: m.w, deletedAt: null, ...visibleEvents(viewer) } })) > 0
      );
    case "citation":
      return (
        !!m.id &&
        (await db.citation.count({
          where: {
            id: m.id,
            workspaceId: m.w,
            ...visibleCitations(viewer),
            event: { deletedAt: null, ...visibleEvents(viewer) },
          },
        })) > 0
      );
    case "source":
      return !!m.id && (await db.source.count({ where: { id: m.id, workspaceId: m.w, deletedAt: null } })) > 0;
    case "entity":
      return !!m.id && (await db.entity.count({ where: { id: m.id, workspaceId: m.w } })) > 0;
    case "briefing":
      // As loadBriefingAccess: a briefing never published does not exist for them.
      return (
        !!m.id &&
        (await db.briefing.count({
          where: { id: m.id, workspaceId: m.w, deletedAt: null, publishedAt: { not: null } },
        })) > 0
      );
    default:
      return false;
  }
}

/**
 * Whether a member with this role receives the message: notifications only
 * their recipient; everything else every member who may see the record.
 * `publishedCheck` is the (shared, once per message) answer of
 * publishedReaderMaySee.
 */
export async function mayReceive(
  role: Role,
  userId: string,
  m: LiveMessage,
  publishedCheck: () => Promise<boolean>,
): Promise<boolean> {
  if (m.k === "notification") return m.u === userId;
  if (can(role, "event.readDrafts") && can(role, "briefing.readDrafts")) return true;
  return publishedCheck();
}
