import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ChronologyPage } from "./pages/chronology-page";
import { EventPage } from "./pages/event-page";
import { ImportJobPage, ImportPage } from "./pages/import-page";
import { WorkspaceHomePage } from "./pages/workspace-home-page";
import { fixturePath } from "./support/data";

const ARTICLE = fixturePath("wire-report.txt");
const NEW_TITLE = "Three-way meeting in Mashhad (imported)";
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// Set SCREENSHOT_DIR to keep pictures of the screens for a visual check.
const shot = async (page: Page, name: string) => {
  if (process.env.SCREENSHOT_DIR)
    await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, `${name}.png`), fullPage: true });
};

test("an analyst imports an article, accepts two candidates, merges a third, and finds the events in the chronology with their citations", async ({
  workspace,
  page,
  signIn,
}) => {
  test.slow(); // a long story: three times the default timeout
  await signIn(page, "analyst");

  const home = new WorkspaceHomePage(page, workspace.slug);
  await home.goto();
  await home.shell.goTo("Import");
  const importer = new ImportPage(page, workspace.slug);
  await importer.expectLoaded();
  await importer.upload(ARTICLE, {
    title: "Tehran keeps talking to the Taliban (imported)",
    publisher: "Northline Wire",
    day: 20,
    month: "September",
    year: 2007,
  });
  await shot(page, "import-form");
  await importer.start();

  const job = new ImportJobPage(page, workspace.slug);
  await job.expectLoaded();
  await expect(page).toHaveURL(new RegExp(`/w/${workspace.slug}/import/[^/]+$`));

  // The meetings "since June" and the June meeting in the next paragraph are one event, told twice: one candidate.
  const meeting = job.candidate("three-way meetings in Iran since June");
  await expect(meeting).toContainText("June meeting in Mashhad");
  await expect(meeting.getByText("month", { exact: true })).toBeVisible();
  await expect(meeting.locator("mark").first()).toHaveText("June");
  await shot(page, "import-review");

  // Accept the meeting with a corrected title, and the Saif al-Adel passage as proposed.
  await meeting.getByLabel("Proposed title").fill(NEW_TITLE);
  await meeting.getByRole("button", { name: "Accept", exact: true }).click();
  await expect(meeting.getByText("Accepted", { exact: true })).toBeVisible();
  const adel = job.candidate("Saif al-Adel");
  const adelTitle = await adel.getByLabel("Proposed title").inputValue();
  await adel.getByRole("button", { name: "Accept", exact: true }).click();
  await expect(adel.getByText("Accepted", { exact: true })).toBeVisible();

  // Merge the ministry's rejection of the account into the meeting just created.
  const rejection = job.candidate("baseless propaganda");
  await rejection.getByRole("button", { name: "Merge into…" }).click();
  await rejection.getByLabel("Merge into which event?").fill("Three-way meeting in Mashhad");
  await rejection.getByRole("button", { name: new RegExp(escape(NEW_TITLE)) }).click();
  await expect(rejection.getByText("Merged", { exact: true })).toBeVisible();
  await job.expectLoaded();
  await shot(page, "import-decided");

  // Both events are in the chronology; the meeting cites both tellings and the rejection.
  const chronology = new ChronologyPage(page, workspace.slug);
  await chronology.goto();
  await chronology.filterByWords("Mashhad imported");
  await chronology.event(new RegExp(escape(NEW_TITLE))).click();
  const event = new EventPage(page, workspace.slug);
  await event.expectLoaded(NEW_TITLE);
  await expect(page.getByText("June 2007", { exact: true })).toBeVisible();
  await expect(event.citations().getByText(/three-way meetings in Iran since June/)).toBeVisible();
  await expect(event.citations().getByText(/June meeting in Mashhad/)).toBeVisible();
  await expect(event.citations().getByText(/baseless propaganda/)).toBeVisible();

  await chronology.goto();
  await chronology.filterByWords("Saif al-Adel");
  await chronology.event(new RegExp(escape(adelTitle.slice(0, 30)))).click();
  await event.expectLoaded(adelTitle);
  await expect(event.citations().getByText(/Saif al-Adel/)).toBeVisible();
});
