import type { DomainErrorCode } from "../errors.ts";

/** The one map from a domain error to an HTTP status, for the routes outside tRPC. */
export const HTTP_STATUS = {
  BAD_REQUEST: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
} as const satisfies Record<DomainErrorCode, number>;

/** A JSON error body `{ error }` that no cache keeps. */
export function errorResponse(status: number, error: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}
