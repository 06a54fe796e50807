import { expect, test, type Api, type RoleKey } from "./fixtures";
import { ChronologyPage } from "./pages/chronology-page";
import { EventPage } from "./pages/event-page";
import { ReviewQueuePage } from "./pages/review-queue-page";
import { createEvent } from "./support/data";

type ApiFor = (role: RoleKey) => Api;

/** Drafts by `author`, each submitted, one after another (the queue lists the longest waiting first). */
async function submitted(api: ApiFor, workspaceId: string, titles: string[], author: RoleKey = "analyst") {
  const ids: string[] = [];
  for (const [i, title] of titles.entries()) {
    const e = await createEvent(api, { workspaceId, title, date: { start: { year: 2001 + i } } }, { author });
    await api(author).review.submit.mutate({ eventId: e.id });
    ids.push(e.id);
  }
  return ids;
}

const statusOf = async (api: ApiFor, eventId: string) => (await api("reviewer").review.state.query({ eventId })).status;

test("rejecting on the event page asks for a comment first; the author then reads why", async ({
  workspace,
  api,
  pageAs,
}) => {
  const [id] = await submitted(api, workspace.id, ["Al-Qaeda members cross into Iran"]);
  const reviewer = new EventPage(await pageAs("reviewer"), workspace.slug);
  await reviewer.goto(id!, "Al-Qaeda members cross into Iran");
  await reviewer.review().decide("Reject");
  await expect(reviewer.review().commentError()).toHaveText("Say what needs to change, or why it is rejected");
  await expect(reviewer.review().comment()).toBeVisible();
  expect(await statusOf(api, id!)).toBe("PENDING");

  await reviewer.review().decide("Reject", "No source places them in Iran; this rests on one rumour.");
  await expect(reviewer.review().status("Rejected")).toBeVisible();

  const author = new EventPage(await pageAs("analyst"), workspace.slug);
  await author.goto(id!, "Al-Qaeda members cross into Iran");
  await expect(author.review().decisions()).toContainText("Reject Rui Reviewer · round 1");
  await expect(author.review().status("Rejected")).toBeVisible();
  await expect(author.review().decisions()).toContainText("this rests on one rumour");
});

test("the author withdraws a submission: it is a draft again and leaves the review queue", async ({
  workspace,
  api,
  pageAs,
}) => {
  const [id] = await submitted(api, workspace.id, ["Envoy named in Mashhad"]);
  const queue = new ReviewQueuePage(await pageAs("reviewer"), workspace.slug);
  await queue.goto();
  await expect(queue.item("Envoy named in Mashhad")).toBeVisible();

  const author = new EventPage(await pageAs("analyst"), workspace.slug);
  await author.goto(id!, "Envoy named in Mashhad");
  await author.review().withdraw();
  await expect(author.review().status("Draft")).toBeVisible();
  await expect(author.editLink()).toBeVisible();

  await queue.goto();
  await expect(queue.item("Envoy named in Mashhad")).toHaveCount(0);
  await expect(queue.page.getByText("Nothing waits for review")).toBeVisible();
});

test("another analyst cannot withdraw someone's submission", async ({ workspace, api, page, signIn }) => {
  const [id] = await submitted(api, workspace.id, ["Border talks in Zahedan"]);
  await signIn(page, "analyst2");
  const other = new EventPage(page, workspace.slug);
  await other.goto(id!, "Border talks in Zahedan");
  await expect(other.review().status("Pending review")).toBeVisible();
  await expect(other.review().button("Withdraw")).toHaveCount(0);
});

test("a queue decision without a comment is refused until one is written, then sent at once", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const [id] = await submitted(api, workspace.id, ["Taliban open an office in Iran"]);
  await signIn(page, "reviewer");
  const queue = new ReviewQueuePage(page, workspace.slug);
  await queue.goto();
  await queue.decide("Taliban open an office in Iran", "Reject");
  await expect(queue.outcome("Write a comment first: say what needs to change, or why it is rejected.")).toBeVisible();
  await expect(queue.comment("Taliban open an office in Iran")).toBeFocused();
  expect(await statusOf(api, id!)).toBe("PENDING");

  await queue
    .comment("Taliban open an office in Iran")
    .fill("Both spokesmen deny it; nothing independent supports it.");
  await queue.decide("Taliban open an office in Iran", "Reject");
  await expect(queue.outcome("Rejected “Taliban open an office in Iran”.")).toBeVisible();
  await expect(queue.item("Taliban open an office in Iran")).toHaveCount(0);
  expect(await statusOf(api, id!)).toBe("REJECTED");
});

test("approving a selection is held with Undo: undone, nothing is sent and the selection comes back", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const ids = await submitted(api, workspace.id, ["Troops mass near Herat", "Consulate staff killed"]);
  await signIn(page, "reviewer");
  const queue = new ReviewQueuePage(page, workspace.slug);
  await queue.goto();
  await queue.select("Troops mass near Herat");
  await queue.select("Consulate staff killed");
  await expect(queue.selectedCount()).toHaveText("2 events selected.");
  await queue.decideSelected("Approve");

  await expect(queue.held()).toContainText("Approved 2 submissions — sent in");
  await expect(queue.item("Troops mass near Herat")).toContainText("Decision waiting to be sent");
  await queue.undo();
  await expect(queue.outcome("Undone: Approved 2 submissions was not sent.")).toBeVisible();
  await expect(queue.held()).toHaveCount(0);
  await expect(queue.selectedCount()).toHaveText("2 events selected.");
  for (const id of ids) expect(await statusOf(api, id)).toBe("PENDING");

  await queue.goto();
  await expect(queue.items()).toHaveCount(2);
});

test("approving a selection and letting it go sends it: both are published and viewers see them", async ({
  workspace,
  api,
  page,
  signIn,
  pageAs,
}) => {
  await submitted(api, workspace.id, ["Troops mass near Herat", "Consulate staff killed", "Envoy visits Kabul"]);
  await signIn(page, "reviewer");
  const queue = new ReviewQueuePage(page, workspace.slug);
  await queue.goto();
  await queue.select("Troops mass near Herat");
  await queue.select("Consulate staff killed");
  await queue.decideSelected("Approve");
  await expect(queue.held()).toHaveCount(1);
  // Sent when its few seconds are up, with nothing more to do.
  await expect(queue.outcome("Approved 2 submissions.")).toBeVisible({ timeout: 30_000 });
  await expect(queue.held()).toHaveCount(0);
  await expect(queue.items()).toHaveCount(1);
  await expect(queue.item("Envoy visits Kabul")).toBeVisible();

  const chronology = new ChronologyPage(await pageAs("viewer"), workspace.slug);
  await chronology.goto();
  await expect(chronology.event(/Troops mass near Herat/)).toBeVisible();
  await expect(chronology.event(/Consulate staff killed/)).toBeVisible();
  await expect(chronology.event(/Envoy visits Kabul/)).toHaveCount(0);
});

test("rejecting a selection needs the shared comment, which each author then reads", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const ids = await submitted(api, workspace.id, ["Rumoured meeting in Zabol", "Rumoured meeting in Zaranj"]);
  await signIn(page, "reviewer");
  const queue = new ReviewQueuePage(page, workspace.slug);
  await queue.goto();
  await queue.select("Rumoured meeting in Zabol");
  await queue.select("Rumoured meeting in Zaranj");
  await queue.decideSelected("Reject");
  await expect(queue.outcome(/^Write a comment first/)).toBeVisible();
  await expect(queue.held()).toHaveCount(0);

  await queue.batchComment().fill("Both rest on the same anonymous post.");
  await queue.decideSelected("Reject");
  await expect(queue.held()).toContainText("Rejected 2 submissions");
  await expect(queue.outcome("Rejected 2 submissions.")).toBeVisible({ timeout: 30_000 });
  for (const id of ids) {
    const state = await api("analyst").review.state.query({ eventId: id });
    expect(state.status).toBe("REJECTED");
    expect(state.decisions.at(-1)?.comment).toBe("Both rest on the same anonymous post.");
  }
});

test("keyboard: j and k move, a approves the focused item with Undo, u undoes, and letters typed in the comment stay there", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const ids = await submitted(api, workspace.id, ["First in line", "Second in line", "Third in line"]);
  await signIn(page, "reviewer");
  const queue = new ReviewQueuePage(page, workspace.slug);
  await queue.goto();
  await expect(queue.focused()).toContainText("First in line");
  await queue.press("j");
  await queue.press("j");
  await expect(queue.focused()).toContainText("Third in line");
  await queue.press("k");
  await expect(queue.focused()).toContainText("Second in line");

  await queue.press("a");
  await expect(queue.held()).toContainText("Approved “Second in line”");
  await queue.press("u");
  await expect(queue.held()).toHaveCount(0);
  await expect(queue.outcome("Undone: Approved “Second in line” was not sent.")).toBeVisible();

  // In the comment box the same letters are text.
  await queue.comment("Second in line").click();
  await page.keyboard.type("a clear case");
  await expect(queue.comment("Second in line")).toHaveValue("a clear case");
  await expect(queue.held()).toHaveCount(0);
  await queue.comment("Second in line").fill("");

  // x selects, c asks for changes, which needs a comment.
  await queue.heading("Pending review").click();
  await queue.press("x");
  await expect(queue.selectedCount()).toHaveText("1 event selected.");
  await queue.press("c");
  await expect(queue.outcome(/^Write a comment first/)).toBeVisible();
  await expect(queue.batchComment()).toBeFocused();
  await queue.batchComment().fill("Name the source of the date.");
  await queue.heading("Pending review").click();
  await queue.press("c");
  await expect(queue.held()).toContainText("Asked for changes on “Second in line”");
  await expect(queue.outcome("Asked for changes on “Second in line”.")).toBeVisible({ timeout: 30_000 });
  expect(await statusOf(api, ids[1]!)).toBe("CHANGES_REQUESTED");
  expect(await statusOf(api, ids[0]!)).toBe("PENDING");
});

test("a reviewer's own submission waits for another reviewer, by button and by key", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const [id] = await submitted(api, workspace.id, ["Reviewer's own draft"], "reviewer");
  await signIn(page, "reviewer");
  const queue = new ReviewQueuePage(page, workspace.slug);
  await queue.goto();
  const item = queue.item("Reviewer's own draft");
  await expect(item).toContainText("You wrote this, or decided on this round: another reviewer decides.");
  await expect(item.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await queue.press("a");
  await expect(queue.outcome("You cannot decide on your own submissions.")).toBeVisible();
  await expect(queue.held()).toHaveCount(0);
  expect(await statusOf(api, id!)).toBe("PENDING");
});
