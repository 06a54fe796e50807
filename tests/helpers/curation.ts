import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { db } from "../../server/db/client.ts";
import { appRouter } from "../../server/root.ts";
import type { EventFieldsInput } from "../../server/schemas/event.ts";
import { callerFor } from "./caller.ts";
import { makeTeam } from "./factories.ts";
import { SEEDS_PATH } from "./seeds.ts";

/**
 * Shared set-up for the curation tests (events, sources, citations, entities,
 * search, history): a team with a caller per role, the real seed articles, and
 * the one shortcut these tests take past the API, publishing, because the
 * review workflow that publishes belongs to a later issue.
 */

export const SEEDS_DIR = pathToFileURL(SEEDS_PATH);
export const SEEDS = {
  cemo: "cemo-taliban-and-iran-2021.txt",
  timeline: "love-hate-relationship-timeline-2016.txt",
  reuters: "reuters-iran-talks-to-taliban.txt",
  asharq: "taliban-maintains-relationship-with-iran.txt",
} as const;

export const seedText = (name: string) => readFileSync(new URL(name, SEEDS_DIR), "utf8");

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

/** Publishing is the review workflow's job (a later issue); until then tests set the status directly. */
export async function publish(...eventIds: string[]) {
  await db.event.updateMany({ where: { id: { in: eventIds } }, data: { status: "PUBLISHED" } });
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
