import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { DEMO_SLUG } from "./pages/workspace-page";

// The shared seed articles sit next to the repository; DOSSIER_SEEDS_DIR points elsewhere (a worktree, CI).
const SEEDS = process.env.DOSSIER_SEEDS_DIR ?? path.resolve("../shared/seeds");

const SEED = readFileSync(path.join(SEEDS, "reuters-iran-talks-to-taliban.txt"), "utf8");
const PASSAGE =
  "One source said a June meeting in Mashhad, near the Afghan border, was called to discuss “coordination” on how to respond if Iran came under attack.";

test("an analyst turns an article into a cited event, finds it, merges a concurrent edit and restores a version", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const contextA = await browser.newContext();
  const a = await contextA.newPage();
  await new SignInPage(a).signIn("analyst@dossier.local");

  // Paste the article as a source.
  await a.goto(`/w/${DEMO_SLUG}/sources/new`);
  const form = a.getByRole("form", { name: "New source" });
  await form.getByLabel("Title").fill("Iran talks to Taliban, unsure of al Qaeda: Germany (full text)");
  await form.getByLabel("Publisher", { exact: true }).fill("Reuters");
  await form.getByLabel("Publication year").fill("2007");
  await form.getByLabel("Language").fill("en");
  await form.getByLabel("Text").fill(SEED);
  await form.getByRole("button", { name: "Save source" }).click();
  await expect(a.getByRole("heading", { level: 1, name: /full text/ })).toBeVisible();

  // Pasting it again sends the analyst to the existing source instead of creating a second.
  await a.goto(`/w/${DEMO_SLUG}/sources/new`);
  await form.getByLabel("Title").fill("Same article again");
  await form.getByLabel("Text").fill(SEED);
  await form.getByRole("button", { name: "Save source" }).click();
  await expect(a.getByText("This document is already in the workspace")).toBeVisible();
  await expect(a.getByRole("heading", { level: 1, name: /full text/ })).toBeVisible();

  // Select the passage and cite it on a new event dated to the month.
  const reader = new SourceReaderPage(a);
  await reader.select(PASSAGE);
  await reader.citeOnNewEvent({ title: "Three-way meeting in Mashhad", month: "June", year: 2007 });
  const eventUrl = a.url();
  await expect(a.getByText("June 2007", { exact: true })).toBeVisible();
  await expect(a.getByRole("blockquote").filter({ hasText: "coordination" })).toBeVisible();
  await expect(a.getByTestId("origin-count")).toHaveText("1 supporting source from 1 independent origin");

  // The quote links back to the highlighted passage in the source.
  await a.getByRole("link", { name: /full text/ }).click();
  await expect(a.locator("mark").filter({ hasText: "coordination" })).toBeVisible();

  // Find the event by a word of the quote.
  await a.getByRole("searchbox", { name: "Search this workspace" }).fill("coordination");
  await a.getByRole("searchbox", { name: "Search this workspace" }).press("Enter");
  const quotes = a.getByRole("region", { name: "Quotes" });
  await expect(quotes.getByText("Three-way meeting in Mashhad")).toBeVisible();
  await expect(quotes.locator("mark").first()).toHaveText(/coordination/i);

  // Two analysts edit the same event at once.
  const contextB = await browser.newContext();
  const b = await contextB.newPage();
  await new SignInPage(b).signIn("analyst2@dossier.local");
  await a.goto(`${eventUrl}/edit`);
  await b.goto(`${eventUrl}/edit`);
  await expect(a.getByLabel("Title")).toHaveValue("Three-way meeting in Mashhad");
  await expect(b.getByLabel("Title")).toHaveValue("Three-way meeting in Mashhad");

  await a.getByLabel("Title").fill("Iran, al-Qaeda and Taliban meet in Mashhad");
  await a.getByRole("button", { name: "Save", exact: true }).click();
  await expect(a.getByRole("heading", { level: 1, name: "Iran, al-Qaeda and Taliban meet in Mashhad" })).toBeVisible();

  await b
    .getByLabel("Summary (Markdown)")
    .fill("Reported by two unnamed sources; not confirmed by the German official.");
  await b.getByRole("button", { name: "Save", exact: true }).click();
  await expect(b.getByRole("heading", { name: "Someone else saved this event first" })).toBeVisible();
  // Keep their title and my summary.
  await b.getByLabel("Keep their title").check();
  await b.getByLabel("Keep your summary").check();
  await b.getByRole("button", { name: "Save merged version" }).click();
  await expect(b.getByRole("heading", { level: 1, name: "Iran, al-Qaeda and Taliban meet in Mashhad" })).toBeVisible();
  await expect(b.getByText("Reported by two unnamed sources")).toBeVisible();

  // History shows every version; restoring the first is a new change.
  await a.goto(`${eventUrl}/history`);
  await expect(a.getByTestId("revision")).toHaveCount(4); // created, citation added, edited, merged edit
  await a.getByRole("button", { name: "Restore version 1" }).click();
  await expect(a.getByText("Version restored as a new change.")).toBeVisible();
  await a.goto(eventUrl);
  await expect(a.getByRole("heading", { level: 1, name: "Three-way meeting in Mashhad" })).toBeVisible();

  await contextA.close();
  await contextB.close();
});

test("an analyst uploads a dossier file; Persian passages are kept and laid out right to left", async ({ page }) => {
  await new SignInPage(page).signIn("analyst@dossier.local");
  await page.goto(`/w/${DEMO_SLUG}/sources/new`);
  await page.getByRole("tab", { name: "Upload a file" }).click();
  await page.getByLabel(/^File/).setInputFiles(path.join(SEEDS, "love-hate-relationship-timeline-2016.txt"));
  await expect(page.getByText(/Read [\d,]+ characters from love-hate-relationship-timeline-2016.txt/)).toBeVisible();
  const form = page.getByRole("form", { name: "New source" });
  await form.getByLabel("Title").fill("A love-hate relationship: a timeline");
  await form.getByRole("button", { name: "Save source" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "A love-hate relationship: a timeline" })).toBeVisible();
  const text = page.getByTestId("source-text");
  // Each line takes its own direction, so a Persian paragraph inside an English dossier reads right to left.
  const persianLine = text.locator("span[dir=auto]", { hasText: "طیب آغا" }).first();
  await expect(persianLine).toBeVisible();
  expect(await persianLine.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");

  // A file that is not text is refused with a message, and nothing is created.
  await page.goto(`/w/${DEMO_SLUG}/sources/new`);
  await page.getByRole("tab", { name: "Upload a file" }).click();
  await page.getByLabel(/^File/).setInputFiles({
    name: "image.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
  });
  await expect(page.getByRole("alert").filter({ hasText: /PDF|read/i })).toBeVisible();
});
