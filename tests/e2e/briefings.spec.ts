import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { pdfPages, plain } from "../helpers/pdf-text";
import { BriefingEditorPage } from "./pages/briefing-editor-page";
import { SignInPage } from "./pages/sign-in-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { DEMO_SLUG } from "./pages/workspace-page";

// A Persian report written for this test (not taken from an article): "The Taliban spokesman said that
// Tayyab Agha met Iranian officials on a trip to Tehran and spoke about the border."
const PERSIAN_TEXT = "سخنگوی طالبان گفت که طیب آغا در سفر به تهران با مقامات ایرانی دیدار کرد و درباره مرز سخن گفت.";
const PERSIAN_PASSAGE = "طیب آغا در سفر به تهران با مقامات ایرانی دیدار کرد";
const PERSIAN_NAME = "طیب آغا";
const EVENT = "Tayyab Agha meets Iranian officials in Tehran";
const TITLE = "Iran keeps a working channel to the Taliban";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await new SignInPage(page).signIn(email);
  return page;
}

test("an analyst writes a briefing citing three events, a reviewer approves it, a viewer downloads the PDF", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const analyst = await signedIn(browser, "analyst@dossier.local");
  const reviewer = await signedIn(browser, "reviewer@dossier.local");

  // A Persian source, a passage of it cited on a new event, and that event reviewed and published.
  await analyst.goto(`/w/${DEMO_SLUG}/sources/new`);
  const form = analyst.getByRole("form", { name: "New source" });
  await form.getByLabel("Title").fill("Taliban spokesman on a visit to Tehran (Persian)");
  await form.getByLabel("Publisher", { exact: true }).fill("Test Persian Daily");
  await form.getByLabel("Language").fill("fa");
  await form.getByLabel("Text").fill(PERSIAN_TEXT);
  await form.getByRole("button", { name: "Save source" }).click();
  await expect(analyst.getByRole("heading", { level: 1, name: /visit to Tehran/ })).toBeVisible();
  const reader = new SourceReaderPage(analyst);
  await reader.select(PERSIAN_PASSAGE);
  await reader.citeOnNewEvent({ title: EVENT, month: "May", year: 2015 });
  const eventUrl = analyst.url();
  await analyst.getByRole("region", { name: "Review" }).getByRole("button", { name: "Submit for review" }).click();
  await expect(analyst.getByRole("region", { name: "Review" }).getByText("Pending review")).toBeVisible();
  await reviewer.goto(eventUrl);
  await reviewer.getByRole("region", { name: "Review" }).getByRole("button", { name: "Approve" }).click();
  await expect(
    reviewer
      .getByRole("region", { name: "Review" })
      .getByText(/Published/)
      .first(),
  ).toBeVisible();

  // The analyst starts a briefing.
  await analyst.goto(`/w/${DEMO_SLUG}/briefings`);
  await analyst.getByRole("button", { name: "New briefing" }).click();
  const create = analyst.getByRole("form", { name: "New briefing" });
  await create.getByLabel("Title").fill(TITLE);
  await create.getByLabel("Handling marking").selectOption("TLP:GREEN");
  await create.getByRole("button", { name: "Create and start writing" }).click();
  await expect(analyst).toHaveURL(/\/briefings\/[^/]+\/edit$/);
  const briefingId = analyst.url().split("/").at(-2)!;
  const editor = new BriefingEditorPage(analyst);

  await analyst
    .getByRole("textbox", { name: "Summary", exact: true })
    .fill("Tehran has kept a pragmatic channel to the Taliban since the late 1990s crisis.");
  await analyst.getByRole("button", { name: "Add key judgment" }).click();
  await analyst
    .getByLabel("Statement of key judgment 1")
    .fill("Iran will keep talking to the Taliban whatever their public quarrels.");
  await analyst
    .getByRole("group", { name: "Key judgments" })
    .getByLabel("Probability (ICD 203)")
    .selectOption({ label: "Very likely (80–95 %)" });
  await analyst.getByRole("button", { name: "Add event or source" }).click();
  await editor.pickWithKeyboard("Mazar", "Iranian diplomats killed at Mazar-i-Sharif consulate");
  await expect(analyst.getByRole("listitem", { name: "Key judgment 1" })).toContainText("Iranian diplomats killed");

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
  await expect(body).toHaveValue(/\[@event:[\w-]+\][\s\S]*\[@event:[\w-]+\][\s\S]*\[@event:[\w-]+\]/);

  // The preview numbers the citations and lists them with their dates; autosave reaches the server.
  const preview = analyst.getByTestId("preview");
  const references = preview.getByTestId("references").getByRole("listitem");
  await expect(references).toHaveCount(3);
  await expect(references.nth(0)).toContainText("Iranian diplomats killed at Mazar-i-Sharif consulate");
  await expect(references.nth(0)).toContainText("August 1998");
  await expect(references.nth(1)).toContainText(EVENT);
  await expect(preview.getByRole("link", { name: "[3]" })).toBeVisible();
  await expect(analyst.getByTestId("reference-problems")).toHaveCount(0);
  await editor.waitUntilSaved();

  // Submit; the author sees no way to approve, and the server refuses anyway.
  await analyst.getByRole("button", { name: "Done" }).click();
  await expect(analyst.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const review = analyst.getByRole("region", { name: "Review" });
  await review.getByRole("button", { name: "Submit for review" }).click();
  await expect(review.getByText("Waiting for review")).toBeVisible();
  await expect(review.getByText("You are an author of this revision")).toBeVisible();
  await expect(analyst.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const refused = await analyst.request.post("/api/trpc/briefing.decide", {
    data: { json: { id: briefingId, round: 1, decision: "APPROVE", comment: "" } },
  });
  expect(refused.status()).toBe(403);

  // The reviewer finds it waiting and approves it.
  await reviewer.goto(`/w/${DEMO_SLUG}/briefings?status=queue`);
  await reviewer
    .getByRole("list", { name: "Waiting for review" })
    .getByRole("link", { name: new RegExp(TITLE) })
    .click();
  const decide = reviewer.getByRole("region", { name: "Review" });
  await decide.getByLabel(/^Comment/).fill("Clear and well sourced.");
  await decide.getByRole("button", { name: "Approve" }).click();
  await expect(decide.getByText("Published", { exact: true })).toBeVisible();
  await expect(reviewer.getByTestId("decision").first()).toContainText("Approved");

  // The viewer reads the published version and downloads its PDF.
  const viewer = await signedIn(browser, "viewer@dossier.local");
  await viewer.goto(`/w/${DEMO_SLUG}/briefings`);
  await viewer.getByRole("link", { name: new RegExp(TITLE) }).click();
  await expect(viewer.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(viewer.getByTestId("marking").first()).toHaveText("TLP:GREEN");
  await expect(viewer.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const pdfLink = viewer.getByRole("link", { name: "PDF", exact: true });
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
