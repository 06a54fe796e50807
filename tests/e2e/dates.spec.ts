import { expect, test } from "./fixtures";
import { ChronologyPage } from "./pages/chronology-page";
import { EventFormPage } from "./pages/event-form-page";
import { EventPage } from "./pages/event-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { createChronology, createSource, readFixture } from "./support/data";

/** Dates as analysts write them, read the way the importer reads documents, and shown as understood before saving. */
test("an analyst types dates in words in the event form and sees how they were read", async ({
  page,
  workspace,
  signIn,
}) => {
  await signIn(page, "analyst");
  const form = new EventFormPage(page, workspace.slug);
  await form.gotoNew();
  await form.fill({ title: "Border posts reinforced" });
  await form.typeDate("March 2011");
  await expect(form.dateReading()).toHaveText("Understood as month: March 2011");
  await form.typeDate("late 1990s");
  await expect(form.dateReading()).toHaveText("Understood as range: 1996–1999, about");
  await form.typeDate("someday soon");
  await expect(form.form().getByText("“someday soon” is not a date we can read")).toBeVisible();
  // What could not be read changes nothing: the last date read stays.
  await expect(form.dateReading()).toHaveText("Understood as range: 1996–1999, about");
  await form.typeDate("before January 2016");
  await expect(form.dateReading()).toHaveText("Understood as before: January 2016");
  await form.form().getByRole("button", { name: "Save draft" }).click();
  const event = new EventPage(page, workspace.slug);
  await event.expectLoaded("Border posts reinforced");
  await expect(page.getByText("before January 2016", { exact: true })).toBeVisible();

  // Timestamps: relative, the exact moment on hover, as a <time>.
  const changed = page.locator("aside time[datetime][title]").first();
  await expect(changed).toHaveText(/just now|minutes? ago/);
  await expect(changed).toHaveAttribute("title", /\d{4}.*\d{2}:\d{2}/);
});

test("the chronology filter takes dates in words and never empties the list on one it cannot read", async ({
  page,
  workspace,
  api,
  signIn,
}) => {
  await createChronology(api, workspace.id);
  await signIn(page, "analyst");
  const chronology = new ChronologyPage(page, workspace.slug);
  await chronology.goto();
  await expect(chronology.events().getByRole("link")).toHaveCount(8);

  await chronology.typeWhen("late 1990s");
  await expect(chronology.whenReading()).toHaveText("Understood as range: 1996–1999, about");
  await chronology.applyFilters();
  await expect(page).toHaveURL(/[?&]when=late\+1990s/);
  await expect(chronology.events().getByRole("link")).toHaveCount(2);
  await expect(chronology.event(/Iran masses troops/)).toBeVisible();

  await chronology.typeWhen("before January 2016");
  await chronology.applyFilters();
  await expect(chronology.events().getByRole("link")).toHaveCount(7);
  await expect(chronology.event(/Taliban deny opening an office/)).toHaveCount(0);

  // A date it cannot read: a word of help by the field, the list as it was, no form-wide error.
  await chronology.typeWhen("the other day");
  await chronology.applyFilters();
  await expect(chronology.whenReading()).toContainText("is not a date we can read");
  await expect(page.getByText("Some fields need attention")).toHaveCount(0);
  await expect(chronology.events().getByRole("link")).toHaveCount(7);
  await expect(page).toHaveURL(/[?&]when=before/);
});

test("citing a passage starts the new event at the source's date, not this year", async ({
  page,
  workspace,
  api,
  signIn,
}) => {
  const source = await createSource(api, {
    workspaceId: workspace.id,
    kind: "NEWS_REPORT",
    title: "Envoy reaches Mashhad",
    publisherName: "Herat Ledger",
    pubDate: { year: 2015, month: 5, day: 12 },
    text: readFixture("border-envoy-mixed.txt"),
  });
  await signIn(page, "analyst");
  const reader = new SourceReaderPage(page, workspace.slug);
  await reader.goto(source.id, "Envoy reaches Mashhad");
  await reader.select("Provincial officials said the trip had been arranged weeks in advance.");
  const panel = page.getByRole("region", { name: "Cite this passage" });
  await expect(panel.getByLabel("Start year")).toHaveValue("2015");
  await expect(panel.getByLabel("Start month")).toHaveValue("5");
  await expect(panel.getByTestId("date-understood")).toHaveText("Understood as month: May 2015");
});
