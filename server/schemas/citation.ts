import "./zod-config.ts";
import { z } from "zod";
import { idSchema, intSchema, text, versionSchema } from "./common.ts";
import { eventFieldsSchema } from "./event.ts";

export const STANCES = ["SUPPORTS", "CONTRADICTS", "MENTIONS"] as const;
export type Stance = (typeof STANCES)[number];
export const STANCE_LABELS = {
  SUPPORTS: "Supports",
  CONTRADICTS: "Contradicts",
  MENTIONS: "Mentions",
} as const satisfies Record<Stance, string>;

export const MAX_QUOTE = 5000;

const passageSchema = z
  .object({
    sourceId: idSchema,
    stance: z.enum(STANCES, { message: "Choose whether the passage supports, contradicts or mentions the event" }),
    startOffset: intSchema(0),
    endOffset: intSchema(1),
    /** The selected text as the reader saw it; checked against the stored text. */
    quote: text().min(1, "Select a passage first").max(MAX_QUOTE, "Quote at most 5,000 characters"),
    note: text().trim().max(2000).default(""),
  })
  .refine((v) => v.endOffset > v.startOffset, { path: ["endOffset"], message: "Select a passage first" });

export const citeOnEventSchema = passageSchema.and(z.object({ eventId: idSchema }));
export type CiteOnEventInput = z.input<typeof citeOnEventSchema>;

export const citeOnNewEventSchema = passageSchema.and(z.object({ event: eventFieldsSchema }));
export type CiteOnNewEventInput = z.input<typeof citeOnNewEventSchema>;

export const citationIdSchema = z.object({ citationId: idSchema });
export const eventCitationsSchema = z.object({ eventId: idSchema });

/* --- Translations of quotes --- */

export const MAX_TRANSLATION = 10_000;
export const MAX_ENGINE = 100;
export const TRANSLATOR_KINDS = ["MEMBER", "MACHINE"] as const;
export type TranslatorKind = (typeof TRANSLATOR_KINDS)[number];

/** Languages offered first in the editor; any other code of the same shape is accepted. */
export const TRANSLATION_LANGUAGES = [
  { code: "en", name: "English" },
  { code: "fa", name: "Persian" },
  { code: "ar", name: "Arabic" },
  { code: "ps", name: "Pashto" },
  { code: "ru", name: "Russian" },
  { code: "uk", name: "Ukrainian" },
  { code: "fr", name: "French" },
  { code: "de", name: "German" },
  { code: "es", name: "Spanish" },
  { code: "tr", name: "Turkish" },
  { code: "zh", name: "Chinese" },
] as const;

export function languageName(code: string): string {
  return TRANSLATION_LANGUAGES.find((l) => l.code === code)?.name ?? code;
}

const translatorSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("MEMBER"), userId: idSchema }),
    z.object({
      kind: z.literal("MACHINE"),
      /** The engine's name as written ("DeepL", "an in-house model"): nothing is run here. */
      engine: text()
        .trim()
        .min(1, "Name the translation engine")
        .max(MAX_ENGINE, `Name the engine in at most ${MAX_ENGINE} characters`),
    }),
  ],
  { message: "Say who translated it: a member or a machine" },
);
export type TranslatorInput = z.infer<typeof translatorSchema>;

export const translationFieldsSchema = z.object({
  text: text().trim().min(1, "Write the translation").max(MAX_TRANSLATION, "Translation at most 10,000 characters"),
  language: text()
    .trim()
    .toLowerCase()
    .max(35, "Use a language code such as en, fa or ps")
    .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, "Use a language code such as en, fa or ps"),
  translator: translatorSchema,
});
export type TranslationFields = z.infer<typeof translationFieldsSchema>;

/** Saves (or, with `translation: null`, removes) a quote's translation, based on the version shown. */
export const setTranslationSchema = z.object({
  citationId: idSchema,
  version: versionSchema,
  translation: translationFieldsSchema.nullable(),
});
export type SetTranslationInput = z.input<typeof setTranslationSchema>;

export const checkTranslationSchema = z.object({ citationId: idSchema, version: versionSchema });
export type CheckTranslationInput = z.input<typeof checkTranslationSchema>;
