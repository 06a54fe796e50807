import { expect, test, type Api, type RoleKey } from "./fixtures";
import { EventHistoryPage } from "./pages/event-history-page";
import { EventPage } from "./pages/event-page";
import { ReviewQueuePage } from "./pages/review-queue-page";
import { cite, createPublishedEvent, createSource } from "./support/data";

/**
 * Diffs say what changed: the history, the proposal box on a published event
 * and the review queue name the entities (by name and role), places, tags and
 * citations (by quote and source) that were added and removed — never a count
 * such as "1 linked → 2 linked".
 */

const REPORT =
  "Customs officers in Zahedan said the two envoys were received by a deputy governor before travelling on to Mashhad for a second round of talks.";

async function entities(api: (role: RoleKey) => Api, workspaceId: string) {
  const analyst = api("analyst");
  const agha = await analyst.entity.create.mutate({ workspaceId, kind: "PERSON", name: "Tayyab Agha" });
  const mansour = await analyst.entity.create.mutate({ workspaceId, kind: "PERSON", name: "Akhtar Mansour" });
  const zahedan = await analyst.entity.create.mutate({ workspaceId, kind: "PLACE", name: "Zahedan" });
  return { agha, mansour, zahedan };
}

test("the event history names the entities and places added and removed, and the tags", async ({
  page,
  workspace,
  api,
  signIn,
}) => {
  const { agha, mansour, zahedan } = await entities(api, workspace.id);
  const analyst = api("analyst");
  const e = await analyst.event.create.mutate({
    workspaceId: workspace.id,
    title: "Envoys received in Zahedan",
    date: { start: { year: 2015, month: 5 } },
    tags: ["talks"],
    entities: [{ entityId: agha.id, role: "ACTOR" }],
  });
  const f = await analyst.event.getForEdit.query({ eventId: e.id });
  await analyst.event.update.mutate({
    eventId: e.id,
    version: f.version,
    title: f.title,
    summary: f.summary,
    date: f.date,
    tags: ["talks", "border"],
    entities: [
      { entityId: mansour.id, role: "ACTOR" },
      { entityId: zahedan.id, role: "PLACE", placePrecision: "CITY" },
    ],
  });

  await signIn(page, "analyst");
  const history = new EventHistoryPage(page, workspace.slug);
  await history.goto(e.id);
  const edit = history.revisions().filter({ hasText: "Edited" });
  const changes = edit.getByTestId("event-changes");
  await expect(changes.locator('[data-field="entities"] ins')).toHaveText(["Akhtar Mansour (actor)"]);
  await expect(changes.locator('[data-field="entities"] del')).toHaveText(["Tayyab Agha (actor)"]);
  await expect(changes.locator('[data-field="places"] ins')).toHaveText(["Zahedan (city)"]);
  await expect(changes.locator('[data-field="tags"] ins')).toHaveText(["border"]);
  await expect(page.getByRole("list", { name: "Versions" })).not.toContainText(/\d+ linked/);
  // The first version lists what it started with, by name.
  await expect(history.revisions().filter({ hasText: "Created" })).toContainText("Tayyab Agha (actor)");
});

test("the proposal box on a published event shows every proposed field, the added place and citation too", async ({
  page,
  workspace,
  api,
  signIn,
}) => {
  const { agha, zahedan } = await entities(api, workspace.id);
  const analyst = api("analyst");
  const e = await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: "Envoys received by a deputy governor",
    date: { start: { year: 2015, month: 5 } },
    tags: ["talks"],
    entities: [{ entityId: agha.id, role: "ACTOR" }],
  });
  const f = await analyst.event.getForEdit.query({ eventId: e.id });
  await analyst.event.update.mutate({
    eventId: e.id,
    version: f.version,
    title: f.title,
    summary: f.summary,
    date: f.date,
    tags: ["talks", "border"],
    entities: [...f.entities, { entityId: zahedan.id, role: "PLACE", placePrecision: "CITY" }],
  });
  const source = await createSource(api, {
    workspaceId: workspace.id,
    kind: "NEWS_REPORT",
    title: "Envoys go on to Mashhad",
    publisherName: "Frontier Wire",
    text: REPORT,
  });
  await cite(api, { eventId: e.id, sourceId: source.id, quote: "received by a deputy governor" });
  await analyst.review.submit.mutate({ eventId: e.id });

  await signIn(page, "reviewer");
  const event = new EventPage(page, workspace.slug);
  await event.goto(e.id);
  const proposal = event.review().root.getByTestId("proposal");
  await expect(proposal.locator('[data-field="places"] ins')).toHaveText(["Zahedan (city)"]);
  await expect(proposal.locator('[data-field="tags"] ins')).toHaveText(["border"]);
  await expect(proposal.locator('[data-field="citations"]')).toContainText("received by a deputy governor");
  await expect(proposal.locator('[data-field="citations"]')).toContainText("Envoys go on to Mashhad");
  // Unchanged fields are not listed as changes.
  await expect(proposal.locator('[data-field="entities"]')).toHaveCount(0);

  // The queue names the same changes on the card.
  const queue = new ReviewQueuePage(page, workspace.slug);
  await queue.goto();
  const card = queue.changes("Envoys received by a deputy governor");
  await expect(card.locator('[data-field="places"] ins')).toHaveText(["Zahedan (city)"]);
  await expect(card.locator('[data-field="citations"]')).toContainText("received by a deputy governor");
});
