import { expect, test } from "./fixtures";
import { EventHistoryPage } from "./pages/event-history-page";
import { EventPage } from "./pages/event-page";
import { createEvent, createPublishedEvent } from "./support/data";

const FIRST = {
  title: "Iran masses troops on the Afghan border",
  summary: "Soldiers hold exercises close to Herat.",
};
const SECOND = {
  title: "Iran masses 70,000 troops on the Afghan border",
  summary: "Soldiers hold large exercises close to Herat while Tehran weighs a strike.",
};

test("an analyst opens an event's history and reads who changed what, word by word", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    ...FIRST,
    date: { start: { year: 1998, month: 9 } },
    tags: ["border"],
  });
  await api("analyst2").event.update.mutate({
    eventId: event.id,
    version: 1,
    ...SECOND,
    date: { start: { year: 1998, month: 9 } },
    tags: ["border", "crisis"],
  });

  await signIn(page, "analyst");
  const eventPage = new EventPage(page, workspace.slug);
  await eventPage.goto(event.id, SECOND.title);
  await eventPage.historyLink().click();
  const history = new EventHistoryPage(page, workspace.slug);
  await history.expectLoaded();
  await expect(history.heading(`History of “${SECOND.title}”`)).toBeVisible();

  // Newest first: Bo's edit, then Ana's creation.
  await expect(history.revisions()).toHaveCount(2);
  const edit = history.revisions().first();
  await expect(edit).toContainText("Edited · version 2 · Bo Analyst");
  await expect(edit.locator("ins")).toContainText(["70,000", "large", "while Tehran weighs a strike", "crisis"]);
  await expect(edit).not.toContainText("Date"); // unchanged fields are left out
  const created = history.revisions().last();
  await expect(created).toContainText("Created · version 1 · Ana Analyst");
  await expect(created).toContainText("September 1998");
  // The newest version is the current one: nothing to restore there.
  await expect(history.restoreButton(2)).toHaveCount(0);
  await expect(history.restoreButton(1)).toBeVisible();
});

test("restoring an earlier version of a draft brings its text back as a new version", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const event = await createEvent(api, { workspaceId: workspace.id, ...FIRST, date: { start: { year: 1998 } } });
  await api("analyst").event.update.mutate({
    eventId: event.id,
    version: 1,
    ...SECOND,
    date: { start: { year: 1998 } },
  });

  await signIn(page, "analyst");
  const history = new EventHistoryPage(page, workspace.slug);
  await history.goto(event.id);
  await history.restore(1);
  await expect(history.revisions()).toHaveCount(3);
  const restored = history.revisions().first();
  await expect(restored).toContainText("Restored an older version · version 3");
  await expect(restored.locator("del")).toContainText(["70,000"]);

  const eventPage = new EventPage(page, workspace.slug);
  await eventPage.goto(event.id, FIRST.title);
  await expect(page.getByText(FIRST.summary)).toBeVisible();
});

test("restoring an earlier version of a published event is a proposal: viewers keep the published text", async ({
  workspace,
  api,
  pageAs,
}) => {
  const event = await createPublishedEvent(api, {
    workspaceId: workspace.id,
    ...FIRST,
    date: { start: { year: 1998 } },
  });
  // A change approved after the first publication.
  const { version } = await api("analyst").event.getForEdit.query({ eventId: event.id });
  await api("analyst").event.update.mutate({ eventId: event.id, version, ...SECOND, date: { start: { year: 1998 } } });
  const { round } = await api("analyst").review.submit.mutate({ eventId: event.id });
  await api("reviewer").review.decide.mutate({ eventId: event.id, round, decision: "APPROVE" });

  const analystPage = await pageAs("analyst");
  const history = new EventHistoryPage(analystPage, workspace.slug);
  await history.goto(event.id);
  const first = history.revisions().filter({ hasText: "Created" });
  const firstVersion = Number((await first.textContent())!.match(/version (\d+)/)![1]);
  await history.restore(firstVersion);
  await expect(history.revisions().first()).toContainText("Proposed restoring an older version");

  const eventPage = new EventPage(analystPage, workspace.slug);
  await eventPage.goto(event.id, SECOND.title);
  await expect(analystPage.getByTestId("proposal")).toContainText("70,000");

  const viewer = new EventPage(await pageAs("viewer"), workspace.slug);
  await viewer.goto(event.id, SECOND.title);
  await expect(viewer.page.getByText(SECOND.summary)).toBeVisible();
  await expect(viewer.historyLink()).toHaveCount(0);
});

test("review steps are part of the history: submission, the reviewer's comment and the approval", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const event = await createEvent(api, { workspaceId: workspace.id, ...FIRST, date: { start: { year: 1998 } } });
  const { round } = await api("analyst").review.submit.mutate({ eventId: event.id });
  await api("reviewer").review.decide.mutate({
    eventId: event.id,
    round,
    decision: "REQUEST_CHANGES",
    comment: "Say how many troops, and who counted them.",
  });
  await api("analyst").event.update.mutate({
    eventId: event.id,
    version: 1,
    ...SECOND,
    date: { start: { year: 1998 } },
  });
  const again = await api("analyst").review.submit.mutate({ eventId: event.id });
  await api("reviewer").review.decide.mutate({ eventId: event.id, round: again.round, decision: "APPROVE" });

  await signIn(page, "analyst");
  const history = new EventHistoryPage(page, workspace.slug);
  await history.goto(event.id);
  const asked = history.revision("Asked for changes");
  await expect(asked).toContainText("Rui Reviewer");
  await expect(asked.locator("q")).toHaveText("Say how many troops, and who counted them.");
  await expect(history.revision("Submitted for review")).toHaveCount(2);
  await expect(history.revision(/^Approved/)).toContainText("Round 2.");
});
