import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { appRouter } from "../../server/root.ts";
import type { EventFieldsInput } from "../../server/schemas/event.ts";
import { callerFor } from "./caller.ts";
import { makeTeam } from "./factories.ts";

/**
 * Shared set-up for the curation tests (events, sources, citations, entities,
 * search, history): a team with a caller per role, and events published the
 * way the app publishes them, through review.
 */

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];

export async function curationTeam() {
  const team = await makeTeam();
  const as = async (id: string) => (await callerFor(id)).caller;
  const callers = {
    admin: await as(team.users.admin.id),
    reviewer: await as(team.users.reviewer.id),
    analyst: await as(team.users.analyst.id),
    viewer: await as(team.users.viewer.id),
    outsider: await as(team.users.outsider.id),
  } satisfies Record<string, Caller>;
  return { ...team, ws: team.workspace.id, ...callers };
}
export type CurationTeam = Awaited<ReturnType<typeof curationTeam>>;

/**
 * Publishes drafts as the app does: the analyst submits each one, then
 * reviewers who did not write it approve it, as many as the workspace requires.
 */
export async function publish(t: CurationTeam, ...eventIds: string[]) {
  for (const eventId of eventIds) {
    const { round } = await t.analyst.review.submit({ eventId });
    for (const reviewer of [t.reviewer, t.admin]) {
      const state = await reviewer.review.state({ eventId });
      if (state.kind === "published") break;
      if (!state.isAuthor) await reviewer.review.decide({ eventId, round, decision: "APPROVE" });
    }
    expect((await t.reviewer.review.state({ eventId })).kind, "the event should be published").toBe("published");
  }
}

/** A minimal event: a title and a date, given as year or year-month-day numbers. */
export function eventInput(
  title: string,
  start: { year: number; month?: number; day?: number } = { year: 2015 },
  more: Partial<EventFieldsInput> = {},
) {
  return { title, summary: "", date: { start }, ...more };
}

/** The offsets of a quote in a text (its first occurrence, or the one after `from`). */
export function passage(text: string, quote: string, from = 0) {
  const startOffset = text.indexOf(quote, from);
  expect(startOffset, `"${quote}" should occur in the text`).toBeGreaterThanOrEqual(0);
  return { startOffset, endOffset: startOffset + quote.length, quote };
}

/** Settles a call into its tRPC error code, or "ok". */
export const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok" as const,
    (e: { code?: string }) => e.code ?? "no code",
  );

type Refusal = { code: string; message: string; fieldErrors: Record<string, string> | null };

/**
 * The error a call is refused with (fails the test if it succeeds), with the
 * field messages exactly as the app's error formatter hands them to a form.
 */
export async function refusal(p: Promise<unknown>): Promise<Refusal> {
  const err = await p.then(
    () => expect.fail("expected the call to be refused"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  const error = err as TRPCError;
  const shape = appRouter._def._config.errorFormatter({
    error,
    type: "mutation",
    path: undefined,
    input: undefined,
    ctx: undefined,
    shape: { message: error.message, code: -32600, data: { code: error.code, httpStatus: 400 } },
  }) as { data: { fieldErrors: Record<string, string> | null }; message: string };
  return { code: error.code, message: shape.message, fieldErrors: shape.data.fieldErrors };
}
