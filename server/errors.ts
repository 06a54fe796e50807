import { UNSTORABLE_TEXT_MESSAGE } from "./schemas/common.ts";

/**
 * Errors the services raise. The tRPC layer maps them to codes; nothing here
 * knows about HTTP or tRPC, so services stay transport-independent.
 */
export type DomainErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "BAD_REQUEST" | "TOO_MANY_REQUESTS";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Field-level messages, shown next to the inputs they belong to. */
  readonly fieldErrors?: Record<string, string>;

  constructor(code: DomainErrorCode, message: string, fieldErrors?: Record<string, string>) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export const notFound = (what = "That item") => new DomainError("NOT_FOUND", `${what} was not found.`);
export const forbidden = (message = "You do not have permission to do that.") => new DomainError("FORBIDDEN", message);
export const conflict = (message: string) => new DomainError("CONFLICT", message);
export const badRequest = (message: string, fieldErrors?: Record<string, string>) =>
  new DomainError("BAD_REQUEST", message, fieldErrors);

/** Duck-typed so this module need not import Prisma (or pg, whose errors carry the SQLSTATE as `code`). */
type PrismaLikeError = {
  code?: unknown;
  meta?: { target?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } };
};

const OUT_OF_RANGE = "A number or date is outside the range that can be stored.";
const TOO_LONG = "That text is too long to store. Shorten it or split it into parts.";

/**
 * PostgreSQL errors that only the value sent can cause: it cannot be stored
 * or compared as it is. These are the caller's to fix, so they are 4xx with a
 * message a person can act on; any other database error stays a 500.
 */
const BAD_VALUE_STATES: Record<string, string> = {
  "22021": UNSTORABLE_TEXT_MESSAGE, // invalid byte sequence: a NUL character in text
  "22P05": UNSTORABLE_TEXT_MESSAGE, // untranslatable character: a NUL escaped in JSON
  "22003": OUT_OF_RANGE, // numeric value out of range
  "22008": OUT_OF_RANGE, // datetime field overflow
  "22009": OUT_OF_RANGE, // time zone displacement out of range: the earliest JavaScript dates
  "22001": TOO_LONG, // string data right truncation
  "54000": TOO_LONG, // program limit exceeded: e.g. more words than a search index holds
};

/** Prisma's codes for the same cases, when its driver adapter names them itself. */
const BAD_VALUE_PRISMA_CODES: Record<string, string> = {
  P2000: TOO_LONG,
  P2007: "That value is not in a form that can be stored.",
  P2020: OUT_OF_RANGE,
};

/** The SQLSTATE behind an error: pg's own `code`, or the one Prisma's driver adapter kept. */
function sqlState(err: PrismaLikeError): string | null {
  if (typeof err.code === "string" && /^[0-9A-Z]{5}$/.test(err.code) && !err.code.startsWith("P")) return err.code;
  const original = err.meta?.driverAdapterError?.cause?.originalCode;
  return typeof original === "string" ? original : null;
}

/** Maps Prisma's known request errors to domain errors; returns null for anything else. */
export function fromPrismaError(err: unknown): DomainError | null {
  if (!err || typeof err !== "object") return null;
  const e = err as PrismaLikeError;
  const { code } = e;
  if (code === "P2002") return conflict("That already exists.");
  if (code === "P2025") return notFound();
  if (code === "P2003") return badRequest("That refers to something that does not exist.");
  const state = sqlState(e);
  const badValue = (state && BAD_VALUE_STATES[state]) ?? (typeof code === "string" && BAD_VALUE_PRISMA_CODES[code]);
  return badValue ? badRequest(badValue) : null;
}
