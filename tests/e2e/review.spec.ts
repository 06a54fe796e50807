import { expect, test } from "./fixtures";
import { ChronologyPage } from "./pages/chronology-page";
import { EventFormPage } from "./pages/event-form-page";
import { EventPage } from "./pages/event-page";
import { NewSourcePage } from "./pages/new-source-page";
import { ReviewQueuePage } from "./pages/review-queue-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { readFixture } from "./support/data";

const ARTICLE = readFixture("taliban-ties-interview.txt");
const PASSAGE =
  "He rejected claims that the movement had named a permanent envoy in Iran, calling them rumours spread by its enemies.";
const TITLE = "Taliban deny having a representative in Iran";

test("four eyes: an analyst submits, a reviewer asks for changes, the analyst fixes it, the reviewer approves, the viewer sees it rated", async ({
  workspace,
  users,
  api,
  pageAs,
}) => {
  test.slow(); // a long story: three times the default timeout
  // The publisher is known to the workspace under another name.
  await api("analyst").entity.create.mutate({
    workspaceId: workspace.id,
    kind: "ORGANIZATION",
    name: "The Gulf Ledger",
    aliases: ["Gulf Ledger"],
  });
  const analyst = await pageAs("analyst");

  // Source (its publisher typed by an alias), passage, cited event.
  const newSource = new NewSourcePage(analyst, workspace.slug);
  await newSource.goto();
  await newSource.create({
    title: "Taliban say their ties with Tehran go on (interview)",
    publisher: "Gulf Ledger",
    text: ARTICLE,
  });

  // B on the publisher (from the reader).
  const reader = new SourceReaderPage(analyst, workspace.slug);
  await reader.expectLoaded(/ties with Tehran/);
  const reliability = reader.reliability("The Gulf Ledger");
  await reliability.vote("B — Usually reliable");
  await reliability.expectVoteBy(users.analyst.name);

  await reader.select(PASSAGE);
  await reader.citeOnNewEvent({ title: TITLE, month: "April", year: 2016 });
  const event = new EventPage(analyst, workspace.slug);
  await event.expectLoaded(TITLE);
  const eventId = event.id();

  // 2 on the event, then submit.
  await event.credibility().vote("2 — Probably true");
  await event.credibility().expectVoteBy(users.analyst.name);
  await event.review().submit();

  // The analyst cannot approve: no button, and the API refuses.
  await expect(event.review().button("Approve")).toHaveCount(0);
  const refused = await analyst.request.post("/api/trpc/review.decide", {
    data: { json: { eventId, round: 1, decision: "APPROVE", comment: "" } },
  });
  expect(refused.status()).toBe(403);

  // The reviewer finds it in the queue, votes blind, asks for changes.
  const reviewer = await pageAs("reviewer");
  const queue = new ReviewQueuePage(reviewer, workspace.slug);
  await queue.goto();
  const item = queue.item(TITLE);
  await expect(item).toContainText(users.analyst.name);
  await expect(item.getByRole("list", { name: "Checklist" })).toContainText("Supporting citation with a quote");
  await item.getByRole("link", { name: TITLE }).click();
  const rEvent = new EventPage(reviewer, workspace.slug);
  await rEvent.expectLoaded(TITLE);
  await expect(rEvent.credibility().blindHint()).toContainText("1 vote, hidden until you vote or skip");
  await rEvent.credibility().vote("3 — Possibly true");
  await rEvent.credibility().expectVoteBy(users.reviewer.name);
  await rEvent.review().decide("Request changes", "Please say in the summary who made the denial, @Ana.");
  await expect(rEvent.review().status("Changes requested")).toBeVisible();

  // The analyst is notified, edits and resubmits.
  await event.goto(eventId, TITLE);
  const bell = event.shell.notifications();
  await expect(bell.toggle).toContainText("1");
  await bell.open();
  await expect(
    bell.root.getByText(/asked for changes to “Taliban deny having a representative in Iran”/),
  ).toBeVisible();
  const edit = new EventFormPage(analyst, workspace.slug);
  await edit.gotoEdit(eventId);
  await edit
    .summary()
    .fill("The Taliban's chief spokesman denied that the movement had named a representative in Iran.");
  await edit.save();
  await event.expectLoaded(TITLE);
  await event.review().submit();

  // The reviewer approves from the queue.
  await queue.goto();
  await expect(queue.item(TITLE)).toContainText("round 2");
  await queue.approve(TITLE);

  // The viewer sees the published event with its consensus rating.
  const viewer = await pageAs("viewer");
  const chronology = new ChronologyPage(viewer, workspace.slug);
  await chronology.goto();
  const row = chronology.event(new RegExp(TITLE));
  await expect(row.getByTitle(/Consensus rating B3/)).toBeVisible();
  await row.click();
  const vEvent = new EventPage(viewer, workspace.slug);
  await vEvent.expectLoaded(TITLE);
  await expect(viewer.getByText("who made the denial")).toHaveCount(0);

  // Evidence on a published event changes through review too: a proposed removal leaves the citation with readers.
  await event.goto(eventId, TITLE);
  await analyst.getByRole("button", { name: "Propose removal" }).click();
  await expect(analyst.getByText("Proposed for removal")).toBeVisible();
  await viewer.reload();
  await vEvent.expectLoaded(TITLE);
  await expect(viewer.getByText(PASSAGE)).toBeVisible();
  await expect(viewer.getByText("Proposed for removal")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /removal|Remove/ })).toHaveCount(0);
});
