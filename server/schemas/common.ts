import "./zod-config.ts";
import { z } from "zod";

export const UNSTORABLE_TEXT_MESSAGE = "That text contains characters that cannot be stored.";

// A UTF-16 surrogate that is not half of a pair: with the u flag a proper pair is one code point and never matches.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Text PostgreSQL can store as it was typed: no NUL character (a text value
 * cannot hold one) and no unpaired surrogate (UTF-8 cannot encode one, so it
 * would be stored as U+FFFD, or refused inside JSON).
 */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

/** Every string a user sends starts here, so unstorable text is refused with a message, not by the database. */
export const text = () => z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

/** Row ids are cuid-like or numeric: letters, digits, "-" and "_" (as citation tokens in briefings assume). */
export const idSchema = text()
  .trim()
  .min(1, "Missing id")
  .max(64, "Invalid id")
  .regex(/^[A-Za-z0-9_-]*$/, "Invalid id");

export const workspaceScopedSchema = z.object({ workspaceId: idSchema });

/** The largest value of a PostgreSQL integer column (versions, review rounds, offsets). */
export const MAX_INT = 2_147_483_647;
/** The largest value of a PostgreSQL bigint column (audit and history row ids). */
export const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** A whole number a PostgreSQL integer column can hold, from `min`. */
export const intSchema = (min: number, message = "That number is out of range") =>
  z.number().int().min(min).max(MAX_INT, message);

/** The version an edit was based on (optimistic concurrency). */
export const versionSchema = intSchema(1, "Invalid version");

/** A string of digits naming a bigint row (history and audit rows). */
export function isBigIntId(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT;
}
export const bigIntIdSchema = z.string().refine(isBigIntId, "Invalid version");

/** Opaque page cursors are base64url; anything else cannot be one of ours. */
export const cursorSchema = z
  .string()
  .max(200, "Invalid page cursor.")
  .regex(/^[A-Za-z0-9_-]*$/, "Invalid page cursor.")
  .nullish();

/** Cursor pagination shared by every list. */
export const pageSchema = z.object({
  cursor: cursorSchema,
  limit: z.number().int().min(1).max(100).default(25),
});

export type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * A full http(s) web address, at most 2,000 characters (no javascript:, no
 * file:). `publicHost` also asks for a dotted host name, as the address of a
 * published document has; a link to an announcement may be any host.
 */
export const webAddressSchema = ({ publicHost }: { publicHost: boolean }) =>
  text()
    .trim()
    .max(2000, "Use at most 2,000 characters")
    .refine((v) => {
      // The URL parser would quietly encode inner spaces; a space inside an address is a paste accident.
      if (/\s/.test(v)) return false;
      try {
        const u = new URL(v);
        const web = u.protocol === "http:" || u.protocol === "https:";
        return web && (publicHost ? u.hostname.includes(".") : u.hostname.length > 0);
      } catch {
        return false;
      }
    }, "Enter a full web address, starting with http:// or https://");
