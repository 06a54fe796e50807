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

/** Duck-typed so this module need not import Prisma. */
type PrismaLikeError = { code?: unknown; meta?: { target?: unknown } };

/** Maps Prisma's known request errors to domain errors; returns null for anything else. */
export function fromPrismaError(err: unknown): DomainError | null {
  if (!err || typeof err !== "object") return null;
  const { code } = err as PrismaLikeError;
  if (code === "P2002") return conflict("That already exists.");
  if (code === "P2025") return notFound();
  if (code === "P2003") return badRequest("That refers to something that does not exist.");
  return null;
}
