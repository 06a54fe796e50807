import type { Prisma } from "../../db/generated/client.ts";
import { notFound } from "../../errors.ts";
import { can, type Role } from "../../policy.ts";

/**
 * The one rule of what readers see: viewers see published material only;
 * contributors (analysts, reviewers, admins) also see drafts and proposals.
 * Every query that lists or opens events or citations takes its condition
 * from here, so the rule cannot drift between screens.
 */
export function seesDrafts(role: Role): boolean {
  return can(role, "event.readDrafts");
}

/** The `where` condition on events for this role. */
export function visibleEvents(role: Role): Prisma.EventWhereInput {
  return seesDrafts(role) ? {} : { status: "PUBLISHED" };
}

/** The `where` condition on citations for this role: a proposed addition is unreviewed evidence. */
export function visibleCitations(role: Role): Prisma.CitationWhereInput {
  return seesDrafts(role) ? {} : { proposedAdd: false };
}

/** NOT_FOUND (never FORBIDDEN, so nothing leaks) for an event this role may not open. */
export function requireEventVisible(role: Role, status: string): void {
  if (!seesDrafts(role) && status !== "PUBLISHED") throw notFound("Event");
}

/**
 * Which stored citation count of a source this role reads and sorts by
 * (both kept by triggers, see the Source model): contributors count every
 * citation on events not in the trash; viewers only what they can open, so
 * the number never tells them that drafts or proposals cite a source.
 */
export function sourceCitationCountField(role: Role): "citationCount" | "publishedCitationCount" {
  return seesDrafts(role) ? "citationCount" : "publishedCitationCount";
}
