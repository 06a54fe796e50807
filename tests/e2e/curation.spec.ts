import { expect, test } from "./fixtures";
import { EventFormPage } from "./pages/event-form-page";
import { EventHistoryPage } from "./pages/event-history-page";
import { EventPage } from "./pages/event-page";
import { NewSourcePage } from "./pages/new-source-page";
import { SearchPage } from "./pages/search-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { fixturePath, readFixture } from "./support/data";

const ARTICLE = readFixture("wire-report.txt");
const PASSAGE =
  "One of them said a June meeting in Mashhad, the shrine city close to the Afghan frontier, was called to agree on “coordination” should the United States strike Iran.";
const SOURCE_TITLE = "Tehran keeps talking to the Taliban, Berlin official says (full text)";

test("an analyst turns an article into a cited event, finds it, merges a concurrent edit and restores a version", async ({
  workspace,
  pageAs,
}) => {
  test.slow(); // a long story: three times the default timeout
  const a = await pageAs("analyst");

  // Paste the article as a source.
  const newSource = new NewSourcePage(a, workspace.slug);
  await newSource.goto();
  await newSource.create({
    title: SOURCE_TITLE,
    publisher: "Northline Wire",
    year: 2007,
    language: "en",
    text: ARTICLE,
  });

  // Pasting it again sends the analyst to the existing source instead of creating a second.
  await newSource.goto();
  await newSource.fill({ title: "Same article again", text: ARTICLE });
  await newSource.save();
  await expect(a.getByText("This document is already in the workspace")).toBeVisible();
  const reader = new SourceReaderPage(a, workspace.slug);
  await reader.expectLoaded(SOURCE_TITLE);

  // Select the passage and cite it on a new event dated to the month.
  await reader.select(PASSAGE);
  await reader.citeOnNewEvent({ title: "Three-way meeting in Mashhad", month: "June", year: 2007 });
  const event = new EventPage(a, workspace.slug);
  await event.expectLoaded("Three-way meeting in Mashhad");
  const eventId = event.id();
  await expect(a.getByText("June 2007", { exact: true })).toBeVisible();
  await expect(event.quote("coordination")).toBeVisible();
  await expect(event.originCount()).toHaveText("1 supporting source from 1 independent origin");

  // The quote links back to the highlighted passage in the source.
  await event.citations().getByRole("link", { name: SOURCE_TITLE }).click();
  await reader.expectLoaded(SOURCE_TITLE);
  await expect(a.locator("mark").filter({ hasText: "coordination" })).toBeVisible();

  // Find the event by a word of the quote.
  await reader.shell.search("coordination");
  const search = new SearchPage(a, workspace.slug);
  await search.expectLoaded();
  const quotes = search.group("Quotes");
  await expect(quotes.getByText("Three-way meeting in Mashhad")).toBeVisible();
  await expect(quotes.locator("mark").first()).toHaveText(/coordination/i);

  // Two analysts edit the same event at once.
  const b = await pageAs("analyst2");
  const editA = new EventFormPage(a, workspace.slug);
  const editB = new EventFormPage(b, workspace.slug);
  await editA.gotoEdit(eventId);
  await editB.gotoEdit(eventId);
  await expect(editA.title()).toHaveValue("Three-way meeting in Mashhad");
  await expect(editB.title()).toHaveValue("Three-way meeting in Mashhad");

  await editA.title().fill("Iran, al-Qaeda and Taliban meet in Mashhad");
  await editA.save();
  await event.expectLoaded("Iran, al-Qaeda and Taliban meet in Mashhad");

  await editB.summary().fill("Reported by two unnamed sources; not confirmed by the German official.");
  await editB.save();
  const conflict = editB.conflict();
  await expect(conflict.heading).toBeVisible();
  await editB.expectConflict();
  // Keep their title and my summary.
  await conflict.keep("Keep their title");
  await conflict.keep("Keep your summary");
  await conflict.save();
  const eventB = new EventPage(b, workspace.slug);
  await eventB.expectLoaded("Iran, al-Qaeda and Taliban meet in Mashhad");
  await expect(b.getByText("Reported by two unnamed sources")).toBeVisible();

  // History shows every version; restoring the first is a new change.
  const history = new EventHistoryPage(a, workspace.slug);
  await history.goto(eventId);
  await expect(history.revisions()).toHaveCount(4); // created, citation added, edited, merged edit
  await history.restore(1);
  await event.goto(eventId, "Three-way meeting in Mashhad");
});

test("an analyst uploads a dossier file; Persian passages are kept and laid out right to left", async ({
  workspace,
  page,
  signIn,
}) => {
  await signIn(page, "analyst");
  const newSource = new NewSourcePage(page, workspace.slug);
  await newSource.goto();
  await newSource.upload(fixturePath("neighbours-timeline.txt"));
  await expect(page.getByText(/Read [\d,]+ characters from neighbours-timeline.txt/)).toBeVisible();
  await newSource.fill({ title: "Neighbours who quarrel: a timeline" });
  await newSource.save();
  const reader = new SourceReaderPage(page, workspace.slug);
  await reader.expectLoaded("Neighbours who quarrel: a timeline");
  // Each line takes its own direction, so a Persian paragraph inside an English dossier reads right to left.
  const persianLine = reader.line("طیب آغا");
  await expect(persianLine).toBeVisible();
  expect(await persianLine.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  expect(await reader.line("22 May 2007").evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");

  // A file that is not text is refused with a message, and nothing is created.
  await newSource.goto();
  await newSource.upload({
    name: "image.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
  });
  await expect(page.getByRole("alert").filter({ hasText: /PDF|read/i })).toBeVisible();
  await newSource.expectLoaded();
});
