import type { Page } from "@playwright/test";
import { expect, test, type Api, type RoleKey } from "./fixtures";
import { ChronologyPage } from "./pages/chronology-page";
import { EventPage } from "./pages/event-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { cite, createEvent, createPublishedEvent, createSource, publishEvent } from "./support/data";

const EVENT = "Border talks resume at Islam Qala";
const PUBLISHER = "Harbour Gazette";
const PASSAGE = "negotiators met again at the Islam Qala crossing";

type ApiFor = (role: RoleKey) => Api;

async function publishedEvent(api: ApiFor, workspaceId: string) {
  return createPublishedEvent(api, {
    workspaceId,
    title: EVENT,
    summary: "Customs officials of both sides sit down after a month without contact.",
    date: { start: { year: 2009, month: 3, day: 14 } },
  });
}

/** Others vote through the API before the story starts: what the analyst is blind to. */
async function othersVote(api: ApiFor, eventId: string, votes: Partial<Record<RoleKey, string>>) {
  for (const [role, grade] of Object.entries(votes))
    await api(role as RoleKey).vote.cast.mutate({ eventId, grade: grade as "2", rationale: "" });
}

async function openEvent(page: Page, slug: string, eventId: string) {
  const event = new EventPage(page, slug);
  await event.goto(eventId, EVENT);
  return event.credibility();
}

test("an analyst changes their vote and the distribution follows", async ({ workspace, api, page, signIn, users }) => {
  const event = await publishedEvent(api, workspace.id);
  await othersVote(api, event.id, { reviewer: "2" });
  await signIn(page, "analyst");
  const panel = await openEvent(page, workspace.slug, event.id);

  await panel.vote("2 — Probably true");
  await expect(panel.votes()).toContainText(`2 ${users.analyst.name}`);
  await expect(panel.button("Change vote")).toBeVisible();

  await panel.changeVote("3 — Possibly true");
  await expect(panel.votes()).toContainText(`3 ${users.analyst.name}`);
  await expect(panel.votes()).not.toContainText(`2 ${users.analyst.name}`);
  await expect(panel.distribution().getByRole("listitem").filter({ hasText: /^3/ })).toContainText("1");
  // Still two votes in all: a change replaces the vote, it does not add one.
  await expect(panel.votes().getByRole("listitem")).toHaveCount(2);
});

test("withdrawing a vote takes it out of the count, and the votes stay open to the one who withdrew", async ({
  workspace,
  api,
  page,
  signIn,
  pageAs,
  users,
}) => {
  const event = await publishedEvent(api, workspace.id);
  await othersVote(api, event.id, { reviewer: "2", analyst: "3" });
  await signIn(page, "analyst");
  const panel = await openEvent(page, workspace.slug, event.id);
  await expect(panel.votes()).toContainText(users.analyst.name);

  await panel.withdraw();
  await expect(panel.votes()).not.toContainText(users.analyst.name);
  await expect(panel.votes()).toContainText(users.reviewer.name);
  await expect(panel.button("Withdraw")).toHaveCount(0);
  await expect(panel.button("Vote")).toBeVisible();
  // They have seen the values already: withdrawing does not make them blind again.
  await expect(panel.blindHint()).toHaveCount(0);
  await expect(panel.button("Skip and show votes")).toHaveCount(0);

  // Others count one vote fewer.
  const reviewer = await openEvent(await pageAs("reviewer"), workspace.slug, event.id);
  await expect(reviewer.votes().getByRole("listitem")).toHaveCount(1);
});

test("skipping shows the others' votes without casting one", async ({ workspace, api, page, signIn, users }) => {
  const event = await publishedEvent(api, workspace.id);
  await othersVote(api, event.id, { reviewer: "2", analyst2: "2" });
  await signIn(page, "analyst");
  const panel = await openEvent(page, workspace.slug, event.id);
  await expect(panel.blindHint()).toContainText("2 votes, hidden until you vote or skip");

  await panel.skip();
  await expect(panel.blindHint()).toHaveCount(0);
  await expect(panel.consensus()).toContainText("2");
  await expect(panel.votes()).toContainText(users.reviewer.name);
  await expect(panel.votes()).toContainText(users.analyst2.name);
  await expect(panel.votes().getByRole("listitem")).toHaveCount(2);
  // Skipping is not voting: the analyst can still vote, and nothing of theirs is counted.
  await expect(panel.votes()).not.toContainText(users.analyst.name);
  await expect(panel.button("Vote")).toBeVisible();
  await expect(panel.button("Withdraw")).toHaveCount(0);

  // The choice lasts: after a reload the votes are still shown.
  await page.reload();
  const again = await openEvent(page, workspace.slug, event.id);
  await expect(again.votes().getByRole("listitem")).toHaveCount(2);
});

test("blind first: until the analyst votes, neither the event, the chronology nor the publisher's track record gives the others' values away", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  // Cited while a draft, then published: the citation is part of what was approved.
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: EVENT,
    date: { start: { year: 2009, month: 3, day: 14 } },
  });
  const source = await createSource(api, {
    workspaceId: workspace.id,
    kind: "NEWS_REPORT",
    title: "Crossing reopens for talks",
    publisherName: PUBLISHER,
    pubDate: { year: 2009, month: 3, day: 15 },
    language: "en",
    text: `HERAT, March 15 - After a month of silence, ${PASSAGE} on Saturday, officials said.`,
  });
  await cite(api, { sourceId: source.id, eventId: event.id, quote: PASSAGE });
  await publishEvent(api, event.id);
  await othersVote(api, event.id, { reviewer: "2", analyst2: "2" });
  await signIn(page, "analyst");

  // Before voting: counts only.
  const chronology = new ChronologyPage(page, workspace.slug);
  await chronology.goto();
  const row = chronology.event(new RegExp(EVENT));
  await expect(row.getByTestId("rating-badge")).toHaveAttribute("title", /hidden/);
  const reader = new SourceReaderPage(page, workspace.slug);
  await reader.goto(source.id, "Crossing reopens for talks");
  await expect(reader.reliability(PUBLISHER).trackRecord()).toContainText(
    "1 not counted: their credibility is hidden until you vote or skip on them",
  );
  const panel = await openEvent(page, workspace.slug, event.id);
  await expect(panel.blindHint()).toContainText("2 votes, hidden");
  await expect(panel.consensus()).toHaveCount(0);
  await expect(panel.distribution()).toHaveCount(0);
  await expect(panel.votes()).toHaveCount(0);

  // After voting: everything.
  await panel.vote("2 — Probably true");
  await expect(panel.consensus()).toContainText("2");
  await expect(panel.distribution()).toBeVisible();
  await expect(panel.votes().getByRole("listitem")).toHaveCount(3);
  await chronology.goto();
  await expect(row.getByTestId("rating-badge")).toHaveAttribute("title", /Consensus rating/);
  await reader.goto(source.id, "Crossing reopens for talks");
  await expect(reader.reliability(PUBLISHER).trackRecord()).toContainText(
    "of 1 published events citing it, 1 rated 1–2",
  );
  await expect(reader.reliability(PUBLISHER).trackRecord()).not.toContainText("not counted");
});

test("a far first vote counts at once and then asks for a reason, even after leaving the page", async ({
  workspace,
  api,
  page,
  signIn,
  pageAs,
}) => {
  const event = await publishedEvent(api, workspace.id);
  await othersVote(api, event.id, { reviewer: "2", analyst2: "2" });
  await signIn(page, "analyst");
  const panel = await openEvent(page, workspace.slug, event.id);

  await panel.vote("5 — Improbable");
  await expect(panel.rationaleRequest()).toContainText("Your vote 5 is counted");
  await expect(panel.rationale()).toBeFocused();
  // Counted already: a colleague sees three votes before any reason is given.
  const reviewer = await openEvent(await pageAs("reviewer"), workspace.slug, event.id);
  await expect(reviewer.votes().getByRole("listitem")).toHaveCount(3);

  // Coming back later, the reason is still asked for.
  const again = await openEvent(page, workspace.slug, event.id);
  await expect(again.rationaleRequest()).toContainText("two or more steps from the others' consensus (2)");
  await again.saveReason("The customs records show no meeting that week.");
  await expect(again.rationaleRequest()).toHaveCount(0);
  await expect(again.votes()).toContainText("no meeting that week");
});

test("after skipping, a far vote without a reason is refused and nothing is counted", async ({
  workspace,
  api,
  page,
  signIn,
  users,
}) => {
  const event = await publishedEvent(api, workspace.id);
  await othersVote(api, event.id, { reviewer: "2", analyst2: "2" });
  await signIn(page, "analyst");
  const panel = await openEvent(page, workspace.slug, event.id);
  await panel.skip();
  await expect(panel.consensus()).toContainText("2");

  // The consensus is in view now, so the rule applies before the vote is taken.
  await panel.vote("5 — Improbable");
  await expect(panel.rationaleError()).toContainText(
    "Explain your rating: it is two or more steps from the others' consensus (2).",
  );
  await expect(panel.votes()).not.toContainText(users.analyst.name);

  await panel.rationale().fill("Only one local paper reports it.");
  await panel.submit();
  await expect(panel.votes()).toContainText(`5 ${users.analyst.name}`);
  await expect(panel.rationaleError()).toHaveCount(0);
});
