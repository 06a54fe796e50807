import { readFileSync } from "node:fs";
import { pdfPages, plain } from "../helpers/pdf-text";
import { expect, test } from "./fixtures";
import { BriefingEditorPage } from "./pages/briefing-editor-page";
import { BriefingListPage } from "./pages/briefing-list-page";
import { BriefingPage } from "./pages/briefing-page";
import { EventPage } from "./pages/event-page";
import { NewSourcePage } from "./pages/new-source-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { createPublishedEvent } from "./support/data";

// A Persian report written for this test: "The Taliban spokesman said that Tayyab Agha met Iranian
// officials on a trip to Tehran and spoke about the border."
const PERSIAN_TEXT = "سخنگوی طالبان گفت که طیب آغا در سفر به تهران با مقامات ایرانی دیدار کرد و درباره مرز سخن گفت.";
const PERSIAN_PASSAGE = "طیب آغا در سفر به تهران با مقامات ایرانی دیدار کرد";
const PERSIAN_NAME = "طیب آغا";
const EVENT = "Tayyab Agha meets Iranian officials in Tehran";
const TITLE = "Iran keeps a working channel to the Taliban";

test("an analyst writes a briefing citing three events, a reviewer approves it, a viewer downloads the PDF", async ({
  workspace,
  api,
  pageAs,
}) => {
  test.slow(); // a long story: three times the default timeout
  // Two published events the briefing will cite, prepared through the API.
  await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: "Iranian diplomats killed at Mazar-i-Sharif consulate",
    summary: "Taliban fighters take the city; Iranian diplomats at the consulate are killed.",
    date: { start: { year: 1998, month: 8 } },
  });
  await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: "Taliban delegation visits Tehran",
    summary: "A delegation of the movement holds talks in the Iranian capital.",
    date: { start: { year: 2015, month: 5, day: 18 } },
  });
  const analyst = await pageAs("analyst");
  const reviewer = await pageAs("reviewer");

  // A Persian source, a passage of it cited on a new event, and that event reviewed and published.
  const newSource = new NewSourcePage(analyst, workspace.slug);
  await newSource.goto();
  await newSource.create({
    title: "Taliban spokesman on a visit to Tehran (Persian)",
    publisher: "Test Persian Daily",
    language: "fa",
    text: PERSIAN_TEXT,
  });
  const reader = new SourceReaderPage(analyst, workspace.slug);
  await reader.expectLoaded(/visit to Tehran/);
  await reader.select(PERSIAN_PASSAGE);
  await reader.citeOnNewEvent({ title: EVENT, month: "May", year: 2015 });
  const event = new EventPage(analyst, workspace.slug);
  await event.expectLoaded(EVENT);
  const eventId = event.id();
  await event.review().submit();
  const rEvent = new EventPage(reviewer, workspace.slug);
  await rEvent.goto(eventId, EVENT);
  await rEvent.review().decide("Approve");
  await expect(rEvent.review().status(/Published/)).toBeVisible();

  // The analyst starts a briefing.
  const list = new BriefingListPage(analyst, workspace.slug);
  await list.goto();
  await list.create(TITLE, "TLP:GREEN");
  const editor = new BriefingEditorPage(analyst, workspace.slug);
  await editor.expectLoaded();
  const briefingId = editor.id();

  await editor.summary().fill("Tehran has kept a pragmatic channel to the Taliban since the late 1990s crisis.");
  await editor.addKeyJudgment(
    1,
    "Iran will keep talking to the Taliban whatever their public quarrels.",
    "Very likely (80–95 %)",
  );
  await analyst.getByRole("button", { name: "Add event or source" }).click();
  await editor.pickWithKeyboard("Mazar", "Iranian diplomats killed at Mazar-i-Sharif consulate");
  await expect(editor.keyJudgment(1)).toContainText("Iranian diplomats killed");

  // Body: one citation through Ctrl+K, one by typing "[@", one through the button.
  const body = editor.body();
  await body.click();
  await body.pressSequentially("## Background\n\nThe 1998 killings at the consulate froze relations ");
  await body.press("Control+k");
  await editor.pickWithKeyboard("Mazar", "Iranian diplomats killed");
  await body.pressSequentially(". Contacts resumed later ");
  await body.pressSequentially("[@");
  await editor.pickWithKeyboard("Tayyab Agha meets", EVENT);
  await body.pressSequentially(" and a delegation visited Tehran ");
  await analyst.getByRole("button", { name: /^Cite/ }).click();
  await editor.pickWithKeyboard("delegation visits", "Taliban delegation visits Tehran");
  await body.pressSequentially(".\n");
  await expect
    .poll(() => editor.markdown())
    .toMatch(/\[@event:[\w-]+\][\s\S]*\[@event:[\w-]+\][\s\S]*\[@event:[\w-]+\]/);

  // The preview numbers the citations and lists them with their dates; autosave reaches the server.
  const references = editor.references();
  await expect(references).toHaveCount(3);
  await expect(references.nth(0)).toContainText("Iranian diplomats killed at Mazar-i-Sharif consulate");
  await expect(references.nth(0)).toContainText("August 1998");
  await expect(references.nth(1)).toContainText(EVENT);
  await expect(editor.preview().getByRole("link", { name: "[3]" })).toBeVisible();
  await expect(analyst.getByTestId("reference-problems")).toHaveCount(0);
  await editor.waitUntilSaved();
  await editor.expectLoaded();

  // Submit; the author sees no way to approve, and the server refuses anyway.
  await editor.done();
  const page = new BriefingPage(analyst, workspace.slug);
  await page.expectLoaded(TITLE);
  const review = page.review();
  await review.submit("Waiting for review");
  await expect(review.status("You are an author of this revision")).toBeVisible();
  await expect(analyst.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const refused = await analyst.request.post("/api/trpc/briefing.decide", {
    data: { json: { id: briefingId, round: 1, decision: "APPROVE", comment: "" } },
  });
  expect(refused.status()).toBe(403);

  // The reviewer finds it waiting and approves it.
  const rList = new BriefingListPage(reviewer, workspace.slug);
  await rList.gotoQueue();
  await rList
    .waiting()
    .getByRole("link", { name: new RegExp(TITLE) })
    .click();
  const rPage = new BriefingPage(reviewer, workspace.slug);
  await rPage.expectLoaded(TITLE);
  await rPage.review().decide("Approve", "Clear and well sourced.");
  await expect(rPage.review().root.getByText("Published", { exact: true })).toBeVisible();
  await expect(rPage.decisions().first()).toContainText("Approved");

  // The viewer reads the published version and downloads its PDF.
  const viewer = await pageAs("viewer");
  const vList = new BriefingListPage(viewer, workspace.slug);
  await vList.goto();
  await vList.link(TITLE).click();
  const vPage = new BriefingPage(viewer, workspace.slug);
  await vPage.expectLoaded(TITLE);
  await expect(vPage.marking()).toHaveText("TLP:GREEN");
  await expect(viewer.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const pdfLink = vPage.download("PDF");
  const [download] = await Promise.all([viewer.waitForEvent("download"), pdfLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^iran-keeps-a-working-channel-to-the-taliban-\d{4}-\d{2}-\d{2}\.pdf$/);

  const response = await viewer.request.get((await pdfLink.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toMatch(
    /^attachment; filename="iran-keeps-a-working-channel-to-the-taliban-\d{4}-\d{2}-\d{2}\.pdf"/,
  );

  const pdf = new Uint8Array(readFileSync((await download.path())!));
  expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
  const text = plain(pdfPages(pdf).join("\n")).replace(/\s+/g, " ");
  expect(text).toContain(TITLE);
  expect(text).toContain("TLP:GREEN");
  expect(text).toContain(PERSIAN_NAME);
});
