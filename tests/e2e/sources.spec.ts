import { expect, test, type Api, type RoleKey } from "./fixtures";
import { EditSourcePage } from "./pages/edit-source-page";
import { SourceHistoryPage } from "./pages/source-history-page";
import { SourceListPage } from "./pages/source-list-page";
import { ReviewQueuePage } from "./pages/review-queue-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { cite, createEvent, createSource, publishEvent } from "./support/data";

type ApiFor = (role: RoleKey) => Api;
type SourceKind = "NEWS_REPORT" | "OFFICIAL_STATEMENT" | "INTERVIEW";

/** A short source written for these tests; the text is unique per title so no two count as the same document. */
function source(api: ApiFor, workspaceId: string, title: string, kind: SourceKind = "NEWS_REPORT", publisher = "") {
  return createSource(api, {
    workspaceId,
    kind,
    title,
    publisherName: publisher,
    pubDate: { year: 2011, month: 9, day: 14 },
    language: "en",
    text: `${title}. Delegates from the movement were seen in the hall on both days of the gathering, a diplomat said.`,
  });
}

test("the source list shows each document's kind, publisher, date and citations, and filters by title and kind", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const conference = await source(
    api,
    workspace.id,
    "Delegates seen at the Tehran conference",
    "NEWS_REPORT",
    "Gulf Ledger",
  );
  await source(api, workspace.id, "Ministry statement on border security", "OFFICIAL_STATEMENT", "Foreign Ministry");
  await source(api, workspace.id, "Interview with a former envoy", "INTERVIEW");
  // Cited while a draft and then published: a viewer counts only the citations they can read.
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Taliban delegates attend a Tehran conference",
    date: { start: { year: 2011, month: 9, day: 14 } },
  });
  await cite(api, {
    sourceId: conference.id,
    eventId: event.id,
    quote: "Delegates from the movement were seen in the hall",
  });
  await publishEvent(api, event.id);

  await signIn(page, "viewer");
  const list = new SourceListPage(page, workspace.slug);
  await list.goto();
  await expect(list.sources().getByRole("link")).toHaveCount(3);
  const row = list.source(/Delegates seen at the Tehran conference/);
  await expect(row).toContainText("News report");
  await expect(row).toContainText("Gulf Ledger");
  await expect(row).toContainText("14 September 2011");
  await expect(row).toContainText("1 citation");
  await expect(list.addSourceLink()).toHaveCount(0);

  await list.filterByTitle("border");
  await expect(list.sources().getByRole("link")).toHaveCount(1);
  await expect(list.source(/Ministry statement on border security/)).toBeVisible();
  await list.filterByTitle("");
  await list.filterByKind("Interview");
  await expect(list.sources().getByRole("link")).toHaveCount(1);
  await list.source(/Interview with a former envoy/).click();
  const reader = new SourceReaderPage(page, workspace.slug);
  await reader.expectLoaded("Interview with a former envoy");
  // A viewer reads; editing and the history are for contributors.
  await expect(reader.editLink()).toHaveCount(0);
  await expect(reader.historyLink()).toHaveCount(0);
});

test("an analyst edits a source's details; the history shows the change word by word and restores the first version", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const s = await source(api, workspace.id, "Envoy visits Tehran, paper says", "NEWS_REPORT", "Gulf Ledger");
  await signIn(page, "analyst");
  const reader = new SourceReaderPage(page, workspace.slug);
  await reader.goto(s.id, s.title);
  await reader.editLink().click();
  const edit = new EditSourcePage(page, workspace.slug);
  await edit.expectLoaded();
  await edit.fill({ title: "Envoy visits Tehran for talks, paper says", author: "Lena Hartmann" });
  await edit.save();
  await reader.expectLoaded("Envoy visits Tehran for talks, paper says");
  await expect(page.getByText("Lena Hartmann")).toBeVisible();

  await reader.historyLink().click();
  const history = new SourceHistoryPage(page, workspace.slug);
  await history.expectLoaded();
  await expect(history.revisions()).toHaveCount(2);
  const edited = history.revisions().first();
  await expect(edited).toContainText("Edited");
  await expect(edited).toContainText("Ana Analyst");
  await expect(edited.locator("ins")).toContainText(["for talks", "Lena Hartmann"]);
  await expect(history.revisions().last()).toContainText("Added");

  await history.restore(1);
  await expect(history.revisions()).toHaveCount(3);
  await expect(history.revisions().first()).toContainText("Restored an older version");
  await reader.goto(s.id, "Envoy visits Tehran, paper says");
});

test("a source saved without a title is refused at the field, and nothing changes", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const s = await source(api, workspace.id, "Border guards exchange fire", "NEWS_REPORT");
  await signIn(page, "analyst");
  const edit = new EditSourcePage(page, workspace.slug);
  await edit.goto(s.id);
  await edit.fill({ title: "   " });
  await edit.save();
  await expect(page.getByRole("alert").filter({ hasText: "Give the source a title" })).toBeVisible();
  await expect(edit.form().getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await new SourceReaderPage(page, workspace.slug).goto(s.id, s.title);
});

test("two analysts edit the same source: the later save is refused, and loads the other's version without losing it", async ({
  workspace,
  api,
  pageAs,
}) => {
  const s = await source(api, workspace.id, "Governor comments on refugees", "NEWS_REPORT");
  const first = new EditSourcePage(await pageAs("analyst"), workspace.slug);
  const second = new EditSourcePage(await pageAs("analyst2"), workspace.slug);
  await first.goto(s.id);
  await second.goto(s.id);

  await first.fill({ author: "Staff reporter" });
  await first.save();
  await new SourceReaderPage(first.page, workspace.slug).expectLoaded(s.title);

  await second.fill({ language: "fa" });
  await second.save();
  const refused = second.page.getByRole("alert").filter({ hasText: /saved|changed|version/i });
  await expect(refused).toBeVisible();
  await refused.getByRole("button", { name: "Load their version" }).click();
  await expect(second.form().getByLabel("Author")).toHaveValue("Staff reporter");
  await second.fill({ language: "fa" });
  await second.save();
  const reader = new SourceReaderPage(second.page, workspace.slug);
  await reader.expectLoaded(s.title);
  await expect(second.page.getByText("Staff reporter")).toBeVisible();
  await expect(second.page.getByText("language: fa")).toBeVisible();
});

test("editing a source a published event cites is a proposal: the viewer reads the old title until a reviewer approves", async ({
  workspace,
  api,
  pageAs,
}) => {
  const s = await source(api, workspace.id, "Diplomat describes contacts", "NEWS_REPORT", "Northline Wire");
  // Cited while the event was a draft, so the citation is published with it.
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Diplomat says contacts continue",
    date: { start: { year: 2011, month: 9 } },
  });
  await cite(api, { sourceId: s.id, eventId: event.id, quote: "a diplomat said" });
  await publishEvent(api, event.id);

  const analystPage = await pageAs("analyst");
  const edit = new EditSourcePage(analystPage, workspace.slug);
  await edit.goto(s.id);
  await expect(edit.heading("Propose a change to the source details")).toBeVisible();
  await edit.fill({ title: "Western diplomat describes regular contacts" });
  await edit.save();
  const reader = new SourceReaderPage(analystPage, workspace.slug);
  await reader.expectLoaded(s.title);
  const proposal = reader.proposal();
  await expect(proposal).toContainText("Not visible to viewers yet");
  await expect(proposal.locator("ins")).toContainText(["Western diplomat", "regular"]);
  await proposal.getByRole("button", { name: "Submit for review" }).click();
  await expect(proposal).toContainText("Waiting for an approval");

  const viewerPage = await pageAs("viewer");
  const viewer = new SourceReaderPage(viewerPage, workspace.slug);
  await viewer.goto(s.id, s.title);
  await expect(viewer.proposal()).toHaveCount(0);

  // The reviewer decides on the source's own page.
  const reviewer = new SourceReaderPage(await pageAs("reviewer"), workspace.slug);
  await reviewer.goto(s.id, s.title);
  await reviewer.proposal().getByRole("button", { name: "Approve", exact: true }).click();
  await expect(reviewer.heading("Western diplomat describes regular contacts")).toBeVisible();

  await viewer.goto(s.id, "Western diplomat describes regular contacts");
  await expect(viewerPage.getByText(s.title, { exact: true })).toHaveCount(0);
});

test("the author withdraws a proposed change to a source: it leaves the review queue and can be edited again", async ({
  workspace,
  api,
  pageAs,
}) => {
  const s = await source(api, workspace.id, "Spokesman denies an office in Iran", "NEWS_REPORT");
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Taliban deny opening an office in Iran",
    date: { start: { year: 2016, month: 1 } },
  });
  await cite(api, { sourceId: s.id, eventId: event.id, quote: "a diplomat said" });
  await publishEvent(api, event.id);
  const { version } = await api("analyst").source.get.query({ sourceId: s.id });
  await api("analyst").source.update.mutate({
    sourceId: s.id,
    version,
    kind: "NEWS_REPORT",
    title: "Spokesman denies an office in Iran (corrected)",
    publisherName: "",
    author: "",
    pubDate: { year: 2011, month: 9, day: 14 },
    url: "",
    language: "en",
  });
  await api("analyst").proposal.submit.mutate({ targetType: "SOURCE", targetId: s.id });

  const reader = new SourceReaderPage(await pageAs("analyst"), workspace.slug);
  await reader.goto(s.id, s.title);
  await expect(reader.proposal()).toContainText("Waiting for an approval");
  await reader.proposal().getByRole("button", { name: "Withdraw" }).click();
  await expect(reader.proposal().getByRole("button", { name: "Submit for review" })).toBeVisible();
  await expect(reader.proposal().getByRole("link", { name: "Edit the proposal" })).toBeVisible();

  const queue = new ReviewQueuePage(await pageAs("reviewer"), workspace.slug);
  await queue.goto();
  await expect(queue.page.getByText("No changes to sources or entities wait for review")).toBeVisible();
});
