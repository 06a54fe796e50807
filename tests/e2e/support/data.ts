import { readFileSync } from "node:fs";
import type { Api } from "./session";
import type { RoleKey } from "./team";

/**
 * Small factories over the real procedures, for preparing what a story starts
 * from. Anything not here is one `api(role).noun.verb.mutate({…})` away.
 */
type ApiFor = (role: RoleKey) => Api;
type EventInput = Parameters<Api["event"]["create"]["mutate"]>[0];

/** A file written for the end-to-end tests, from tests/fixtures/e2e/. */
export function fixturePath(name: string): string {
  return new URL(`../../fixtures/e2e/${name}`, import.meta.url).pathname;
}
export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), "utf8");
}

/** Through four eyes: `author` submits, `reviewer` approves the round it sees. */
export async function publishEvent(
  api: ApiFor,
  eventId: string,
  opts: { author?: RoleKey; reviewer?: RoleKey } = {},
): Promise<void> {
  const { round } = await api(opts.author ?? "analyst").review.submit.mutate({ eventId });
  await api(opts.reviewer ?? "reviewer").review.decide.mutate({ eventId, round, decision: "APPROVE" });
}

type SourceInput = Parameters<Api["source"]["create"]["mutate"]>[0];

/** A new source by `author` (default: the analyst); fails if the workspace already holds the same document. */
export async function createSource(
  api: ApiFor,
  input: SourceInput,
  opts: { author?: RoleKey } = {},
): Promise<{ id: string; title: string }> {
  const result = await api(opts.author ?? "analyst").source.create.mutate(input);
  if (result.status !== "created") throw new Error(`The workspace already holds this document: ${input.title}`);
  return result.source;
}

/** A draft event by `author` (default: the analyst). */
export async function createEvent(
  api: ApiFor,
  input: EventInput,
  opts: { author?: RoleKey } = {},
): Promise<{ id: string; title: string }> {
  const event = await api(opts.author ?? "analyst").event.create.mutate(input);
  return { id: event.id, title: event.title };
}

/** An event written by the analyst and approved by the reviewer, as viewers would see it. */
export async function createPublishedEvent(
  api: ApiFor,
  input: EventInput,
  opts: { author?: RoleKey; reviewer?: RoleKey } = {},
): Promise<{ id: string; title: string }> {
  const event = await createEvent(api, input, opts);
  await publishEvent(api, event.id, opts);
  return event;
}

/**
 * Cites the first occurrence of `quote` in a source on an event, as the
 * reader's selection would (offsets into the stored text).
 */
export async function cite(
  api: ApiFor,
  input: { sourceId: string; eventId: string; quote: string; stance?: "SUPPORTS" | "CONTRADICTS" | "MENTIONS" },
  opts: { author?: RoleKey } = {},
): Promise<void> {
  const client = api(opts.author ?? "analyst");
  const { text } = await client.source.get.query({ sourceId: input.sourceId });
  const start = text.indexOf(input.quote);
  if (start < 0) throw new Error(`The source does not contain: ${input.quote}`);
  await client.citation.create.mutate({
    sourceId: input.sourceId,
    eventId: input.eventId,
    stance: input.stance ?? "SUPPORTS",
    startOffset: start,
    endOffset: start + input.quote.length,
    quote: input.quote,
  });
}

export type Chronology = {
  sourceId: string;
  /** Event ids by a short key. */
  events: Record<
    "consulate" | "troops" | "crossing" | "mashhad" | "berlin" | "conference" | "visit" | "denial",
    string
  >;
};

/**
 * A small, lifelike chronology: eight events from 1998 to 2016 with day,
 * month, year, "about" and range dates, tags, summaries, one source
 * (tests/fixtures/e2e/wire-report.txt) cited twice; five published, one
 * waiting for review, two drafts. For screens that should look like a
 * workspace in use.
 */
export async function createChronology(api: ApiFor, workspaceId: string): Promise<Chronology> {
  const source = await createSource(api, {
    workspaceId,
    kind: "NEWS_REPORT",
    title: "Tehran keeps talking to the Taliban, Berlin official says",
    publisherName: "Northline Wire",
    author: "Lena Hartmann",
    pubDate: { year: 2007, month: 9, day: 20 },
    language: "en",
    text: readFixture("wire-report.txt"),
  });
  const make = (title: string, date: EventInput["date"], summary: string, tags: string[] = []) =>
    createEvent(api, { workspaceId, title, date, summary, tags }).then((e) => e.id);
  // One after another, as people would: a burst of parallel writes only measures the machine.
  const [consulate, troops, crossing, mashhad, berlin, conference, visit, denial] = await sequence([
    () =>
      make(
        "Iranian diplomats killed at the Mazar-i-Sharif consulate",
        { start: { year: 1998, month: 8, day: 8 } },
        "Taliban fighters take the city; several Iranian diplomats and a journalist at the consulate are killed.",
        ["consulate", "crisis"],
      ),
    () =>
      make(
        "Iran masses troops on the Afghan border",
        { start: { year: 1998, month: 9 } },
        "Tens of thousands of soldiers hold exercises close to Herat while Tehran weighs a strike.",
        ["border", "crisis"],
      ),
    () =>
      make(
        "Al-Qaeda members cross into Iran after the fall of Kandahar",
        { start: { year: 2001, month: 12 }, qualifier: "CIRCA" },
        "Fighters and family members are reported to take the western route out of Afghanistan.",
        ["al-qaeda"],
      ),
    () =>
      make(
        "Three-way meeting reported in Mashhad",
        { start: { year: 2007, month: 6 } },
        "Two unnamed people describe a meeting of Iranian, Taliban and al-Qaeda envoys near the border.",
        ["meetings"],
      ),
    () =>
      make(
        "German official says Iran talks to the Taliban",
        { start: { year: 2007, month: 9, day: 20 } },
        "A senior security official in Berlin describes regular contacts; he is unsure about al-Qaeda.",
      ),
    () =>
      make(
        "Taliban delegation attends a conference in Tehran",
        { start: { year: 2011, month: 9, day: 14 }, end: { year: 2011, month: 9, day: 15 } },
        "Members of the movement are seen among the guests of a two-day gathering.",
        ["diplomacy"],
      ),
    () =>
      make(
        "Taliban political office team visits Tehran",
        { start: { year: 2015, month: 5, day: 18 } },
        "The visit is the first the movement confirms in public.",
        ["diplomacy"],
      ),
    () =>
      make(
        "Taliban deny opening an office in Iran",
        { start: { year: 2016, month: 1 } },
        "A spokesman calls the reports rumours spread by the movement's enemies.",
      ),
  ]);
  await cite(api, {
    sourceId: source.id,
    eventId: mashhad,
    quote: "One of them said a June meeting in Mashhad, the shrine city close to the Afghan frontier",
  });
  await cite(api, {
    sourceId: source.id,
    eventId: berlin,
    quote: "Iran has kept up regular contacts with the Taliban in Afghanistan",
  });
  for (const id of [consulate, troops, crossing, mashhad, visit]) await publishEvent(api, id);
  await api("analyst").review.submit.mutate({ eventId: denial });
  return { sourceId: source.id, events: { consulate, troops, crossing, mashhad, berlin, conference, visit, denial } };
}

/** Runs the steps one after another and returns their results in order. */
async function sequence<T extends (() => Promise<unknown>)[]>(
  steps: [...T],
): Promise<{ [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as { [K in keyof T]: Awaited<ReturnType<T[K]>> };
}
