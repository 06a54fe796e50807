import { badRequest } from "../errors.ts";
import { isBigIntId, MAX_INT } from "../schemas/common.ts";

/**
 * Opaque keyset cursors: the client never builds or reads them. A cursor is
 * still input, so decoding checks everything a hand-made one could get wrong
 * and answers "Invalid page cursor." instead of passing garbage to a query.
 */
const invalid = () => badRequest("Invalid page cursor.");

export function encodeCursor(parts: (string | number | Date)[]): string {
  const raw = parts.map((p) => (p instanceof Date ? p.toISOString() : String(p))).join("\u0000");
  return Buffer.from(raw, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, arity: number): string[] {
  if (!/^[A-Za-z0-9_-]*$/.test(cursor)) throw invalid();
  const bytes = Buffer.from(cursor, "base64url");
  const raw = bytes.toString("utf8");
  // Only what encodeCursor made: bytes that are valid UTF-8, encoded the one way it encodes them.
  if (bytes.toString("base64url") !== cursor || !Buffer.from(raw, "utf8").equals(bytes)) throw invalid();
  const parts = raw.split("\u0000");
  if (parts.length !== arity || parts.some((p) => p.length === 0)) throw invalid();
  return parts;
}

/**
 * An instant as encodeCursor writes it, in the years 1–9999 where every date
 * the app stores lies: the database's calendar has no year 0, and the
 * earliest dates JavaScript can hold are far beyond what it can compare with.
 */
export function decodeDate(value: string): Date {
  if (!/^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) throw invalid();
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || d.toISOString() !== value) throw invalid();
  return d;
}

/** A bigint row id (audit and history rows), within what the column holds. */
export function decodeBigInt(value: string): bigint {
  if (!isBigIntId(value)) throw invalid();
  return BigInt(value);
}

/** A non-negative whole number an integer column holds (ordinals). */
export function decodeInt(value: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_INT) throw invalid();
  return Number(value);
}
