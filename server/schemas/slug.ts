/**
 * A URL- and file-name-safe slug: accents dropped, lower case, runs of other
 * characters as one hyphen, at most 60 characters. Scripts without a Latin
 * form (Persian, Arabic) leave nothing, so callers name a fallback.
 */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return slug || fallback;
}
