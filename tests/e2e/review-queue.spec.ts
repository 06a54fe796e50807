import { expect, test, type Api, type RoleKey, type TestWorkspace } from "./fixtures";
import { AuditPage } from "./pages/audit-page";
import { ChronologyPage } from "./pages/chronology-page";
import { ReviewQueuePage } from "./pages/review-queue-page";
import { cite, createEvent, createSource } from "./support/data";

/**
 * The review queue as a reviewer works through it: a comment box on every
 * card (the batch bar keeps its own), a batch bar that never lies over the
 * cards, the evidence on each card, briefings in the same queue with a filter
 * by kind, and review states in words.
 */

type ApiFor = (role: RoleKey) => Api;

const WIRE_TEXT =
  "Border officials said on Tuesday that two envoys of the movement crossed into Iran near Zahedan and met provincial officers for talks on trade and security.";
const GAZETTE_TEXT =
  "The provincial office stated that no envoys crossed the border this week and that no talks were held with any delegation.";
const DAILY_TEXT =
  "A trader in Zahedan told this paper that two envoys of the movement met provincial officers in the city on Tuesday.";

async function submitted(api: ApiFor, ws: TestWorkspace, title: string, year = 2016) {
  const e = await createEvent(api, { workspaceId: ws.id, title, date: { start: { year } }, summary: `${title}.` });
  await api("analyst").review.submit.mutate({ eventId: e.id });
  return e;
}

test("each card has its own comment box; the batch bar keeps its own", async ({ page, workspace, api, signIn }) => {
  const first = await submitted(api, workspace, "Envoys cross near Zahedan");
  await submitted(api, workspace, "Trade talks in Zahedan");
  await signIn(page, "reviewer");
  const queue = new ReviewQueuePage(page, workspace.slug);
  await queue.goto();

  // A card's comment box is on the card, beside its buttons, and only that card's decision uses it.
  await expect(queue.comment("Envoys cross near Zahedan")).toBeVisible();
  await expect(queue.comment("Trade talks in Zahedan")).toBeVisible();
  await queue.comment("Trade talks in Zahedan").fill("Name the officers, please.");
  await queue.decide("Envoys cross near Zahedan", "Request changes");
  // The other card's comment was not taken: this card asks for its own.
  await expect(queue.item("Envoys cross near Zahedan").getByRole("alert")).toHaveText(/Write a comment first/);
  await expect(queue.comment("Envoys cross near Zahedan")).toBeFocused();

  await queue.decide("Envoys cross near Zahedan", "Request changes", "Say which crossing point.");
  await expect(page.getByText("Asked for changes on “Envoys cross near Zahedan”.")).toBeVisible();
  const state = await api("analyst").review.state.query({ eventId: first.id });
  expect(state.status).toBe("CHANGES_REQUESTED");
  expect(state.decisions[0]?.comment).toBe("Say which crossing point.");
  // The comment written on the other card is still there, and the batch bar's box is its own, empty.
  await expect(queue.comment("Trade talks in Zahedan")).toHaveValue("Name the officers, please.");
  await expect(queue.batchComment()).toHaveValue("");
  await expect(queue.item("Envoys cross near Zahedan")).toHaveCount(0);
});

test("the batch bar never covers a card while the list scrolls", async ({ page, workspace, api, signIn }) => {
  for (let i = 1; i <= 6; i++) await submitted(api, workspace, `Border meeting number ${i}`, 2010 + i);
  await signIn(page, "reviewer");
  const queue = new ReviewQueuePage(page, workspace.slug);
  await queue.goto();
  await expect(queue.items()).toHaveCount(6);
  const overlaps = () =>
    page.evaluate(() => {
      const bar = document.querySelector('[data-testid="batch-bar"]')!.getBoundingClientRect();
      return [...document.querySelectorAll('[data-testid="queue-item"]')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < bar.right && bar.left < r.right && r.top < bar.bottom && bar.top < r.bottom;
      }).length;
    });
  const bottom = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= bottom; y += 250) {
    await page.evaluate((to) => window.scrollTo(0, to), y);
    expect(await overlaps(), `cards under the batch bar at scroll ${y}`).toBe(0);
  }
  // Still at hand further down: sticky beside the cards.
  await expect(queue.batchBar()).toBeInViewport();
});

test("a card shows the cited passages with stance, source, reliability and the independent origins", async ({
  page,
  workspace,
  api,
  signIn,
}) => {
  const e = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Envoys meet officers in Zahedan",
    date: { start: { year: 2016, month: 3 } },
  });
  const wire = await createSource(api, {
    workspaceId: workspace.id,
    kind: "NEWS_REPORT",
    title: "Envoys cross into Iran",
    publisherName: "Frontier Wire",
    text: WIRE_TEXT,
  });
  const daily = await createSource(api, {
    workspaceId: workspace.id,
    kind: "NEWS_REPORT",
    title: "A trader's account",
    publisherName: "Zahedan Daily",
    text: DAILY_TEXT,
  });
  const gazette = await createSource(api, {
    workspaceId: workspace.id,
    kind: "OFFICIAL_STATEMENT",
    title: "No envoys crossed, office says",
    publisherName: "Provincial Gazette",
    text: GAZETTE_TEXT,
  });
  await cite(api, {
    eventId: e.id,
    sourceId: wire.id,
    quote: "two envoys of the movement crossed into Iran near Zahedan",
  });
  await cite(api, { eventId: e.id, sourceId: daily.id, quote: "two envoys of the movement met provincial officers" });
  await cite(api, {
    eventId: e.id,
    sourceId: gazette.id,
    quote: "no envoys crossed the border this week",
    stance: "CONTRADICTS",
  });
  await api("analyst").review.submit.mutate({ eventId: e.id });

  await signIn(page, "reviewer");
  const queue = new ReviewQueuePage(page, workspace.slug);
  await queue.goto();
  const evidence = queue.evidence("Envoys meet officers in Zahedan");
  await expect(evidence).toBeVisible();
  await expect(evidence.getByTestId("independent-origins")).toHaveText("2 independent origins");
  const passages = evidence.getByTestId("cited-passage");
  await expect(passages).toHaveCount(3);
  const against = passages.filter({ hasText: "no envoys crossed the border this week" });
  await expect(against).toContainText("Contradicts");
  await expect(against).toContainText("No envoys crossed, office says");
  await expect(against).toContainText("Provincial Gazette");
  await expect(against.getByTestId("source-reliability")).toHaveText("reliability not rated yet");
  await expect(passages.filter({ hasText: "crossed into Iran near Zahedan" })).toContainText("Supports");
  await expect(passages.filter({ hasText: "crossed into Iran near Zahedan" })).toContainText("Frontier Wire");
});

test("briefings wait in the same queue, and the queue filters by kind", async ({ page, workspace, api, signIn }) => {
  await submitted(api, workspace, "Envoys cross near Zahedan");
  const analyst = api("analyst");
  const b = await analyst.briefing.create.mutate({
    workspaceId: workspace.id,
    title: "The eastern border this spring",
  });
  const saved = await analyst.briefing.update.mutate({
    id: b.id,
    version: b.version,
    summary: "Crossings continue.",
    body: "Envoys keep crossing.",
  });
  await analyst.briefing.submit.mutate({ id: b.id, version: saved.version });

  await signIn(page, "reviewer");
  const queue = new ReviewQueuePage(page, workspace.slug);
  await queue.goto();
  // Everything: the event and the briefing, one page.
  await expect(queue.item("Envoys cross near Zahedan")).toBeVisible();
  await expect(queue.briefing("The eastern border this spring")).toBeVisible();
  await expect(queue.briefing("The eastern border this spring")).toContainText("version 1, review round 1");

  await queue.show("Briefings");
  await expect(page).toHaveURL(/\?kind=briefings$/);
  await expect(queue.items()).toHaveCount(0);
  await expect(queue.briefings()).toHaveCount(1);
  await queue.expectLoaded();

  await queue.show("New events");
  await expect(queue.item("Envoys cross near Zahedan")).toBeVisible();
  await expect(queue.briefings()).toHaveCount(0);

  await queue.show("Changes to sources and entities");
  await expect(page.getByText("No changes to sources or entities wait for review")).toBeVisible();
  await expect(queue.items()).toHaveCount(0);

  // A briefing is decided on its card, with its own comment.
  await queue.goto("briefings");
  const card = queue.briefing("The eastern border this spring");
  await card.getByLabel(/^Comment on this briefing/).fill("Add the dates of the crossings.");
  await card.getByRole("button", { name: "Request changes", exact: true }).click();
  await expect(
    page.getByText("The briefing “The eastern border this spring” was sent back for changes."),
  ).toBeVisible();
  expect((await analyst.briefing.get.query({ id: b.id })).status).toBe("CHANGES_REQUESTED");
  await expect(page.getByText("No briefing waits for review")).toBeVisible();
});

test("review states read as words, in filters and in the audit log", async ({ page, workspace, api, signIn }) => {
  const e = await submitted(api, workspace, "Envoys cross near Zahedan");
  await api("reviewer").review.decide.mutate({
    eventId: e.id,
    round: 1,
    decision: "REQUEST_CHANGES",
    comment: "Which crossing?",
  });
  await signIn(page, "admin");
  const chronology = new ChronologyPage(page, workspace.slug);
  await chronology.goto();
  const options = await chronology.filters().getByLabel("Status").locator("option").allTextContents();
  expect(options).toContain("Changes requested");
  for (const o of options) expect(o).not.toMatch(/_|^[A-Z]{4,}$/);

  const audit = new AuditPage(page, workspace.slug);
  await audit.goto();
  const table = page.getByRole("table");
  await expect(table).toContainText("Changes requested");
  await expect(table).not.toContainText("CHANGES_REQUESTED");
  await expect(table).not.toContainText("PENDING");
});
