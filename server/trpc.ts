import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { DomainError, fromPrismaError, type DomainErrorCode } from "./errors.ts";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "./http/unavailable.ts";
import { logger } from "./logger.ts";
import { recordProcedure } from "./metrics.ts";
import type { Actor } from "./services/access/index.ts";
import { resolveSession, type SessionUser } from "./services/auth/index.ts";

export type Context = {
  session: SessionUser | null;
  ip: string | null;
};

/**
 * Builds the context from a session id (taken from the browser's token by the
 * route handler, or given directly by tests). The user is read from the
 * database here on every request; nothing in the token is trusted beyond the
 * id of the session row.
 */
export async function createContext(opts: { sessionId: string | null; ip: string | null }): Promise<Context> {
  try {
    return { session: await resolveSession(opts.sessionId), ip: opts.ip };
  } catch (err) {
    // Before any procedure runs, so the middleware below cannot map it: a database that is down is a 503 here too.
    if (isDatabaseUnavailable(err)) throw unavailable(err);
    throw err;
  }
}

const unavailable = (cause: unknown) =>
  new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause });

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fieldErrors =
      cause instanceof ZodError
        ? Object.fromEntries(
            Object.entries(z.flattenError(cause).fieldErrors).map(([k, v]) => [
              k,
              (v as string[] | undefined)?.[0] ?? "Invalid value",
            ]),
          )
        : cause instanceof DomainError && cause.fieldErrors
          ? cause.fieldErrors
          : null;
    return {
      ...shape,
      message: cause instanceof ZodError ? "Some fields need attention." : shape.message,
      data: { ...shape.data, stack: undefined, fieldErrors },
    };
  },
});

// Domain error codes are tRPC's own names, so they pass through as they are.
const trpcCode = (code: DomainErrorCode): TRPCError["code"] => code;

/**
 * tRPC catches errors thrown inside procedures itself, so domain errors are
 * translated here by inspecting the result after next(), and one log line is
 * written and the call counted in the metrics (by procedure path and code only).
 */
const observed = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  let code = "OK";
  if (!result.ok) {
    const cause = result.error.cause;
    const domain = cause instanceof DomainError ? cause : fromPrismaError(cause);
    if (domain) {
      result.error = new TRPCError({ code: trpcCode(domain.code), message: domain.message, cause: domain });
    } else if (isDatabaseUnavailable(cause)) {
      // Down, restarting or every connection busy: the caller may try again (the route adds Retry-After).
      logger.warn({ path, err: cause }, "database unavailable");
      result.error = unavailable(cause);
    } else if (result.error.code === "INTERNAL_SERVER_ERROR") {
      logger.error({ path, err: cause ?? result.error }, "unhandled error");
      result.error = new TRPCError({
        code: "INTERNAL_SERVER_ERROR",
        message: "Something went wrong on the server. Please try again.",
      });
    }
    code = result.error.code;
  }
  const ms = performance.now() - started;
  logger.info({ path, type, userId: ctx.session?.userId ?? null, code, ms: Math.round(ms) });
  recordProcedure(path, type, code, ms / 1000);
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(observed);

/** Signed in, with a live session and an active account. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in to continue." });
  }
  const actor: Actor & { sessionId: string } = {
    userId: ctx.session.userId,
    ip: ctx.ip,
    sessionId: ctx.session.sessionId,
  };
  return next({ ctx: { ...ctx, session: ctx.session, actor } });
});
