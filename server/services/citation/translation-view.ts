import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";

/** The translation columns a citation list reads. */
export const translationListSelect = {
  translation: true,
  translationLanguage: true,
  translatorKind: true,
  translatorId: true,
  translationEngine: true,
  translationEnteredById: true,
  translationCheckedById: true,
  translationCheckedAt: true,
  translationVersion: true,
} as const satisfies Prisma.CitationSelect;

type TranslationRow = Prisma.CitationGetPayload<{ select: typeof translationListSelect }>;

const person = (id: string | null, names: Map<string, string>) =>
  id ? { id, name: names.get(id) ?? "Former member" } : null;

/**
 * The translations of a page of citations as the editor shows them, with the
 * names of translators, enterers and checkers read in one query for the page.
 */
export async function translationsOf(rows: TranslationRow[], viewer: { userId: string; canWrite: boolean }) {
  const ids = [
    ...new Set(rows.flatMap((r) => [r.translatorId, r.translationEnteredById, r.translationCheckedById])),
  ].filter((id): id is string => !!id);
  const names = ids.length
    ? new Map(
        (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [
          u.id,
          u.name,
        ]),
      )
    : new Map<string, string>();
  return (r: TranslationRow) => ({
    /** Edits and checks are based on this version (else CONFLICT). */
    version: r.translationVersion,
    text: r.translation,
    language: r.translationLanguage,
    kind: r.translatorKind,
    translator: person(r.translatorId, names),
    engine: r.translationEngine,
    enteredBy: person(r.translationEnteredById, names),
    checkedBy: person(r.translationCheckedById, names),
    checkedAt: r.translationCheckedAt,
    /** As checkCitationTranslation decides: a writer who neither made nor entered it, while it is unchecked. */
    canCheck:
      viewer.canWrite &&
      !!r.translation &&
      !r.translationCheckedById &&
      viewer.userId !== r.translatorId &&
      viewer.userId !== r.translationEnteredById,
  });
}
