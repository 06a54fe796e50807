import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every depth and no whitespace, so the same
 * content always yields the same bytes (and hash), whatever order Postgres'
 * jsonb or a client handed the keys back in. Undefined values are dropped, as
 * JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** SHA-256 (hex) of the canonical JSON of a publication's content and cited material. */
export function contentHashOf(doc: { content: unknown; cited: unknown }): string {
  return createHash("sha256")
    .update(canonicalJson({ content: doc.content, cited: doc.cited }), "utf8")
    .digest("hex");
}
