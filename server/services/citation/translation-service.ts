import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, conflict, forbidden, notFound } from "../../errors.ts";
import {
  checkTranslationSchema,
  setTranslationSchema,
  type CheckTranslationInput,
  type SetTranslationInput,
} from "../../schemas/citation.ts";
import type { Actor } from "../access/index.ts";
import { requireAccessFor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";

type Tx = Prisma.TransactionClient;

/**
 * A quote's translation sits beside the passage as the source has it. It is
 * an aid to reading, not evidence: it changes outside the event's review (a
 * published event keeps its citations), and has its own four-eyes step
 * instead: a second member, who neither made nor entered it, marks it
 * checked. Edits are based on the version shown (else CONFLICT); any change
 * of text, language or translator clears the check, which applied to what
 * was checked.
 */

const translationSelect = {
  id: true,
  workspaceId: true,
  translation: true,
  translationLanguage: true,
  translatorKind: true,
  translatorId: true,
  translationEngine: true,
  translationEnteredById: true,
  translationCheckedById: true,
  translationVersion: true,
  translationUpdatedAt: true,
  event: { select: { deletedAt: true } },
} as const satisfies Prisma.CitationSelect;

/** The citation, after the access check (outsiders and unknown ids alike get NOT_FOUND; viewers FORBIDDEN). */
async function loadForTranslation(actor: Actor, citationId: string) {
  const row = await db.citation.findUnique({ where: { id: citationId }, select: { workspaceId: true } });
  if (!row) throw notFound("Citation");
  await requireAccessFor("Citation", actor, row.workspaceId, "citation.write");
  return row.workspaceId;
}

/** Locks the citation row, so a save and a check cannot interleave. */
async function lockCitation(tx: Tx, citationId: string, workspaceId: string) {
  await tx.$queryRaw`SELECT id FROM "Citation" WHERE id = ${citationId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  const row = await tx.citation.findFirst({ where: { id: citationId, workspaceId }, select: translationSelect });
  if (!row) throw notFound("Citation");
  // Citations of an event in the trash are the trash's: they change again once it is restored.
  if (row.event.deletedAt) throw conflict("This event is in the trash. Restore it to change its citations.");
  return row;
}

/** CONFLICT naming who last changed the translation and when, so the newer text is not lost. */
async function staleTranslation(
  tx: Tx,
  row: { translationEnteredById: string | null; translationUpdatedAt: Date | null },
) {
  const who = row.translationEnteredById
    ? await tx.user.findUnique({ where: { id: row.translationEnteredById }, select: { name: true } })
    : null;
  const when = row.translationUpdatedAt
    ? ` at ${row.translationUpdatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`
    : "";
  return conflict(
    `${who?.name ?? "Someone"} changed this translation${when}, after the version you were editing. Reload to see theirs, then apply your change again.`,
  );
}

function snapshotOf(row: {
  translation: string | null;
  translationLanguage: string | null;
  translatorKind: string | null;
  translatorId: string | null;
  translationEngine: string | null;
  translationCheckedById: string | null;
}) {
  return {
    translation: row.translation,
    language: row.translationLanguage,
    translatorKind: row.translatorKind,
    translatorId: row.translatorId,
    engine: row.translationEngine,
    checkedById: row.translationCheckedById,
  };
}

export async function setCitationTranslation(actor: Actor, raw: SetTranslationInput) {
  const input = setTranslationSchema.parse(raw);
  const workspaceId = await loadForTranslation(actor, input.citationId);
  return db.$transaction(async (tx) => {
    const row = await lockCitation(tx, input.citationId, workspaceId);
    if (row.translationVersion !== input.version) throw await staleTranslation(tx, row);
    const t = input.translation;
    if (t?.translator.kind === "MEMBER") {
      // Only someone of this workspace can be named as its translator (an id from elsewhere is just unknown here).
      const member = await tx.membership.findFirst({
        where: { workspaceId, userId: t.translator.userId, active: true },
        select: { id: true },
      });
      if (!member)
        throw badRequest("Choose a member of this workspace as the translator.", { translator: "Not a member" });
    }
    const next = t
      ? {
          translation: t.text,
          translationLanguage: t.language,
          translatorKind: t.translator.kind,
          translatorId: t.translator.kind === "MEMBER" ? t.translator.userId : null,
          translationEngine: t.translator.kind === "MACHINE" ? t.translator.engine : null,
        }
      : {
          translation: null,
          translationLanguage: null,
          translatorKind: null,
          translatorId: null,
          translationEngine: null,
        };
    const same =
      next.translation === row.translation &&
      next.translationLanguage === row.translationLanguage &&
      next.translatorKind === row.translatorKind &&
      next.translatorId === row.translatorId &&
      next.translationEngine === row.translationEngine;
    if (same) return { version: row.translationVersion };
    const version = row.translationVersion + 1;
    const { count } = await tx.citation.updateMany({
      where: { id: input.citationId, workspaceId, translationVersion: row.translationVersion },
      data: {
        ...next,
        translationEnteredById: t ? actor.userId : null,
        translationCheckedById: null,
        translationCheckedAt: null,
        translationUpdatedAt: new Date(),
        translationVersion: version,
      },
    });
    if (count === 0) throw await staleTranslation(tx, row);
    await recordAudit(tx, actor, {
      workspaceId,
      action: t ? "citation.translation_saved" : "citation.translation_removed",
      targetType: "citation",
      targetId: input.citationId,
      before: { ...snapshotOf(row), version: row.translationVersion },
      after: {
        ...snapshotOf({ ...next, translationCheckedById: null }),
        version,
      },
    });
    return { version };
  });
}

export async function checkCitationTranslation(actor: Actor, raw: CheckTranslationInput) {
  const input = checkTranslationSchema.parse(raw);
  const workspaceId = await loadForTranslation(actor, input.citationId);
  return db.$transaction(async (tx) => {
    const row = await lockCitation(tx, input.citationId, workspaceId);
    if (row.translationVersion !== input.version) throw await staleTranslation(tx, row);
    if (!row.translation) throw conflict("This quote has no translation to check.");
    if (actor.userId === row.translatorId || actor.userId === row.translationEnteredById)
      throw forbidden("You made or entered this translation; another analyst has to check it.");
    if (row.translationCheckedById) return { version: row.translationVersion };
    const version = row.translationVersion + 1;
    const { count } = await tx.citation.updateMany({
      where: { id: input.citationId, workspaceId, translationVersion: row.translationVersion },
      data: { translationCheckedById: actor.userId, translationCheckedAt: new Date(), translationVersion: version },
    });
    if (count === 0) throw await staleTranslation(tx, row);
    await recordAudit(tx, actor, {
      workspaceId,
      action: "citation.translation_checked",
      targetType: "citation",
      targetId: input.citationId,
      before: { checkedById: null, version: row.translationVersion },
      after: { checkedById: actor.userId, translation: row.translation, language: row.translationLanguage, version },
    });
    return { version };
  });
}
