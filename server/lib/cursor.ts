import { badRequest } from "../errors.ts";

/** Opaque keyset cursors: the client never builds or reads them. */
export function encodeCursor(parts: (string | number | Date)[]): string {
  const raw = parts.map((p) => (p instanceof Date ? p.toISOString() : String(p))).join("\u0000");
  return Buffer.from(raw, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, arity: number): string[] {
  const parts = Buffer.from(cursor, "base64url").toString("utf8").split("\u0000");
  if (parts.length !== arity || parts.some((p) => p.length === 0)) throw badRequest("Invalid page cursor.");
  return parts;
}

export function decodeDate(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw badRequest("Invalid page cursor.");
  return d;
}
