/**
 * Dated text that reports no event: the lines about the document itself (a
 * byline, a publication or copyright line), the author's biography, a
 * heading that names a period, and what may happen rather than what did.
 * Each test reads only the paragraph or sentence given, so it works the same
 * on text from a page, a file or a PDF.
 */
import type { DatePrecision } from "../schemas/partial-date.ts";

const TERMINAL = /[.!?…:”"’)]$/;
const wordsOf = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));

/** "By Jane Roe | The Review | 4 March 2017", "Published: 4 March 2017", "Updated 4 March 2017, 10:00". */
// A name (not a month: "By March 2017 the talks had stalled") and then the end, a comma or a separator.
const BYLINE =
  /^(?:by|von|par|por)\s+(?!(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b)\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s*(?:$|[,|·•–—(]|and\s)/iu;
const STAMP =
  /^(?:first\s+|originally\s+)?(?:published|posted|updated|last\s+(?:updated|modified)|filed|printed|issued)\b/i;

/** A paragraph that is the document's own masthead, byline or stamp. */
export function isDocumentLine(paragraph: string): boolean {
  const p = paragraph.trim();
  if (wordsOf(p).length > 30) return false;
  return BYLINE.test(p) || STAMP.test(p) || /\s[|·•]\s/.test(p) || COPYRIGHT.test(p);
}

const COPYRIGHT = /©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b/i;
/** "This article was first published on …", "An earlier version of this story appeared …". */
const ABOUT_THIS_TEXT =
  /\b(?:this|the)\s+(?:article|piece|story|report|essay|interview|column|op-ed|analysis|commentary|post|text|version)\s+(?:was\s+|is\s+|has\s+been\s+|had\s+been\s+)?(?:first\s+|originally\s+|last\s+)?(?:published|posted|updated|printed|appeared|written|translated|edited)\b|\bearlier version of this\b/i;

/** A sentence about the document (its copyright, its publication), not about the world. */
export function isAboutTheDocument(sentence: string): boolean {
  return COPYRIGHT.test(sentence) || ABOUT_THIS_TEXT.test(sentence) || STAMP.test(sentence.trim());
}

const ROLE =
  "fellow|researcher|journalist|correspondent|analyst|professor|editor|writer|author|reporter|scholar|director|lecturer|contributor|columnist|historian|consultant|photographer|economist|associate";
/** "Jane Roe is a senior fellow at …", "The author was a correspondent in …". */
const BIOGRAPHY = new RegExp(
  `^(?:the\\s+authors?|(?:(?:dr|prof)\\.?\\s+)?(?:\\p{Lu}[\\p{L}'’.-]*\\s+){1,4})(?:is|was|has been|served as|works as)\\s+(?:a|an|the)?\\s*(?:[\\p{L}-]+\\s+){0,4}(?:${ROLE})s?\\b`,
  "iu",
);

/** A paragraph that introduces the author: everything dated in it is their life, not the story. */
export function isBiography(paragraph: string): boolean {
  return BIOGRAPHY.test(paragraph.trim()) || /^(?:about\s+)?the\s+authors?\b/i.test(paragraph.trim());
}

/**
 * A heading is a short line that does not end a sentence; one that carries a
 * year, a span or a decade ("The exile years, 2001–2005", "Partners in the
 * 2010s") names a period the section covers.
 */
export function isPeriodHeading(paragraph: string, date: { precision: DatePrecision; isRange: boolean }): boolean {
  const p = paragraph.trim();
  if (TERMINAL.test(p) || wordsOf(p).length > 12 || p.includes("\n")) return false;
  if (/^(?:photo|picture|image|caption|above|below|pictured)\b/i.test(p)) return false;
  return date.isRange || date.precision === "YEAR";
}

const CONDITIONAL = /^[“"‘(]?(?:if|should|unless|were|had|in case|suppose|supposing|assuming|whether)\b/i;
const MODAL =
  /\b(?:will|would|could|might|may|shall|expects?|expected|anticipated|plans?\s+to|planned|likely|unlikely|hopes?\s+to|aims?\s+to|intends?\s+to|is\s+to|are\s+to|forecast|projected|predicts?|warns?)\b/i;

/**
 * A hypothetical future: a condition ("If the talks collapse …", "Should a
 * deal be signed …"), or a date after the publication spoken of as what
 * may or will happen.
 */
export function isHypothetical(sentence: string, dateIsAfterPublication: boolean): boolean {
  const s = sentence.trim();
  if (CONDITIONAL.test(s) && MODAL.test(s)) return true;
  return dateIsAfterPublication && MODAL.test(s);
}
