import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { SEED_FILES, SEEDS_PATH } from "../helpers/seeds";
import { SignInPage } from "./pages/sign-in-page";
import { DEMO_SLUG } from "./pages/workspace-page";

const ARTICLE = path.join(SEEDS_PATH, SEED_FILES.reuters);
const NEW_TITLE = "Three-way meeting in Mashhad (imported)";
// Set SCREENSHOT_DIR to keep pictures of the screens for a visual check.
const shot = async (page: Page, name: string) => {
  if (process.env.SCREENSHOT_DIR)
    await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, `${name}.png`), fullPage: true });
};

test("the demo analyst imports an article, accepts two candidates, merges a third, and finds the events in the chronology with their citations", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new SignInPage(page).signIn("analyst@dossier.local");

  await page.goto(`/w/${DEMO_SLUG}`);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a document" })).toBeVisible();
  await page.getByRole("tab", { name: "Upload a file" }).click();
  const form = page.getByRole("form", { name: "Import a document" });
  await form.getByLabel(/^File/).setInputFiles(ARTICLE);
  await form.getByLabel("Title").fill("Iran talks to Taliban, unsure of al Qaeda (imported)");
  await form.getByLabel("Publisher", { exact: true }).fill("Reuters");
  await form.getByLabel("Publication day").fill("20");
  await form.getByLabel("Publication month").selectOption({ label: "September" });
  await form.getByLabel("Publication year").fill("2007");
  await shot(page, "import-form");
  await form.getByRole("button", { name: "Import and find events" }).click();

  // The demo workspace may already hold this article: the importer offers it, and reads it again on request.
  const again = page.getByRole("button", { name: "Read the existing source again" });
  const review = page.getByRole("heading", { name: "Candidate events" });
  await expect(again.or(review)).toBeVisible({ timeout: 30_000 });
  if (await again.isVisible()) await again.click();
  await expect(review).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(new RegExp(`/w/${DEMO_SLUG}/import/[^/]+$`));

  const card = (text: string) => page.getByTestId("candidate").filter({ hasText: text });
  const meeting = card("June meeting in Mashhad");
  await expect(meeting.getByText("month", { exact: true })).toBeVisible();
  await expect(meeting.locator("mark")).toHaveText("June");
  await shot(page, "import-review");

  // Accept the meeting with a corrected title, and the Saif al-Adel passage as proposed.
  await meeting.getByLabel("Proposed title").fill(NEW_TITLE);
  await meeting.getByRole("button", { name: "Accept", exact: true }).click();
  await expect(meeting.getByText("Accepted", { exact: true })).toBeVisible();
  const adel = card("Saif al-Adel");
  const adelTitle = await adel.getByLabel("Proposed title").inputValue();
  await adel.getByRole("button", { name: "Accept", exact: true }).click();
  await expect(adel.getByText("Accepted", { exact: true })).toBeVisible();

  // Merge the report of the meetings "since June" into the meeting just created.
  const since = card("three-way meetings in Iran since June");
  await since.getByRole("button", { name: "Merge into…" }).click();
  await since.getByLabel("Merge into which event?").fill("Three-way meeting in Mashhad");
  await since.getByRole("button", { name: new RegExp(NEW_TITLE.replace(/[()]/g, "\\$&")) }).click();
  await expect(since.getByText("Merged", { exact: true })).toBeVisible();
  await shot(page, "import-decided");

  // Both events are in the chronology; the meeting cites both passages.
  await page.goto(`/w/${DEMO_SLUG}/events`);
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByLabel("Words").fill("Mashhad imported");
  await filters.getByRole("button", { name: "Apply" }).click();
  await page
    .getByRole("list", { name: "Events" })
    .getByRole("link", { name: new RegExp(NEW_TITLE.replace(/[()]/g, "\\$&")) })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: NEW_TITLE })).toBeVisible();
  await expect(page.getByText("June 2007", { exact: true })).toBeVisible();
  const citations = page.getByRole("region", { name: "Citations" });
  await expect(citations.getByText(/June meeting in Mashhad/)).toBeVisible();
  await expect(citations.getByText(/three-way meetings in Iran since June/)).toBeVisible();

  await page.goto(`/w/${DEMO_SLUG}/events`);
  await filters.getByLabel("Words").fill("Saif al-Adel");
  await filters.getByRole("button", { name: "Apply" }).click();
  const adelLink = page
    .getByRole("list", { name: "Events" })
    .getByRole("link", { name: new RegExp(adelTitle.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
  await adelLink.click();
  await expect(page.getByRole("region", { name: "Citations" }).getByText(/Saif al-Adel/)).toBeVisible();
});
