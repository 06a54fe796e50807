import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { EventFormPage } from "./pages/event-form-page";
import { EventHistoryPage } from "./pages/event-history-page";
import { EventPage } from "./pages/event-page";
import { createEvent } from "./support/data";

const TITLE = "Three-way meeting reported in Mashhad";
const SUMMARY = "Two unnamed people describe a meeting near the border.";

/** The same analyst with the event's edit form open in two tabs of one browser. */
async function twoTabs(pageAs: (role: "analyst") => Promise<Page>, slug: string, eventId: string) {
  const first = await pageAs("analyst");
  const second = await first.context().newPage();
  const a = new EventFormPage(first, slug);
  const b = new EventFormPage(second, slug);
  await a.gotoEdit(eventId);
  await b.gotoEdit(eventId);
  return { a, b };
}

test("two tabs edit different fields: the second save shows the merge view, and the merged event keeps both", async ({
  workspace,
  api,
  pageAs,
}) => {
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: TITLE,
    summary: SUMMARY,
    date: { start: { year: 2007, month: 6 } },
  });
  const { a, b } = await twoTabs(pageAs, workspace.slug, event.id);

  await a.fill({ title: "Iranian, Taliban and al-Qaeda envoys meet in Mashhad" });
  await a.save();
  await new EventPage(a.page, workspace.slug).expectLoaded("Iranian, Taliban and al-Qaeda envoys meet in Mashhad");

  await b.fill({ summary: "Two unnamed people describe a June meeting near the border; Berlin cannot confirm it." });
  await b.save();
  await b.expectConflict();
  await expect(b.page.getByText("Nothing was overwritten.")).toBeVisible();
  // Only the fields that differ are offered; each starts on the side that changed it.
  await expect(b.mergeRow("Title")).toContainText("Iranian, Taliban and al-Qaeda envoys meet in Mashhad");
  await expect(b.mergeRow("Summary")).toContainText("Berlin cannot confirm it");
  await expect(b.mergeRow("Date")).toHaveCount(0);
  await expect(b.page.getByLabel("Keep their title")).toBeChecked();
  await expect(b.page.getByLabel("Keep your summary")).toBeChecked();
  await b.conflict().save();

  const merged = new EventPage(b.page, workspace.slug);
  await merged.expectLoaded("Iranian, Taliban and al-Qaeda envoys meet in Mashhad");
  await expect(b.page.getByText("Berlin cannot confirm it")).toBeVisible();
  const history = new EventHistoryPage(b.page, workspace.slug);
  await history.goto(event.id);
  await expect(history.revisions()).toHaveCount(3);
});

test("both tabs change the title: the editor picks one, and the other title stays in the history", async ({
  workspace,
  api,
  pageAs,
}) => {
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: TITLE,
    date: { start: { year: 2007, month: 6 } },
  });
  const { a, b } = await twoTabs(pageAs, workspace.slug, event.id);

  await a.fill({ title: "Envoys meet in Mashhad" });
  await a.save();
  await new EventPage(a.page, workspace.slug).expectLoaded("Envoys meet in Mashhad");

  await b.fill({ title: "Envoys meet in Mashhad, the shrine city" });
  await b.save();
  await b.expectConflict();
  await expect(b.page.getByLabel("Keep your title")).toBeChecked();
  await b.conflict().keep("Keep their title");
  await b.conflict().keep("Keep your title");
  await b.conflict().save();
  await new EventPage(b.page, workspace.slug).expectLoaded("Envoys meet in Mashhad, the shrine city");

  // The first tab's title is not lost: it is a version of its own.
  const history = new EventHistoryPage(b.page, workspace.slug);
  await history.goto(event.id);
  await expect(history.revisions().nth(1)).toContainText("Envoys meet in Mashhad");
  await expect(history.restoreButton(2)).toBeVisible();
});

test("from the merge view the editor goes back to the form with the merged values and saves from there", async ({
  workspace,
  api,
  pageAs,
}) => {
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: TITLE,
    summary: SUMMARY,
    date: { start: { year: 2007, month: 6 } },
  });
  const { a, b } = await twoTabs(pageAs, workspace.slug, event.id);

  await a.fill({ summary: "A meeting near the border is described by two people." });
  await a.save();
  await new EventPage(a.page, workspace.slug).expectLoaded(TITLE);

  await b.fill({ title: "Meeting reported in Mashhad", summary: "Described by two unnamed people." });
  await b.save();
  await b.expectConflict();
  await b.conflict().keep("Keep their summary");
  await b.keepEditingMerge();
  await expect(b.title()).toHaveValue("Meeting reported in Mashhad");
  await expect(b.summary()).toHaveValue("A meeting near the border is described by two people.");
  await b.fill({ summary: "A meeting near the border is described by two people; neither was there." });
  await b.save();

  const saved = new EventPage(b.page, workspace.slug);
  await saved.expectLoaded("Meeting reported in Mashhad");
  await expect(b.page.getByText("neither was there")).toBeVisible();
});
