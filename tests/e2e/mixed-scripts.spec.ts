import { expect, test } from "./fixtures";
import { ChronologyPage } from "./pages/chronology-page";
import { EventPage } from "./pages/event-page";
import { SearchPage } from "./pages/search-page";
import { SourceListPage } from "./pages/source-list-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { directionOf, isolatedRuns } from "./support/bidi";
import { cite, createEvent, createSource, readFixture } from "./support/data";

/**
 * A source in Persian and English reads the way it was written: each
 * paragraph takes the direction of most of its letters, and a name in the
 * other script sits isolated inside the line, so an English sentence that
 * opens with a Persian name keeps its full stop at the end.
 */
test("a Persian and English source reads right in the reader, quotes, titles, lists and search", async ({
  page,
  workspace,
  api,
  signIn,
}) => {
  const title = "گزارش: Taliban envoy arrives in Mashhad";
  const source = await createSource(api, {
    workspaceId: workspace.id,
    kind: "NEWS_REPORT",
    title,
    publisherName: "Herat Ledger",
    pubDate: { year: 2015, month: 5, day: 12 },
    language: "en",
    text: readFixture("border-envoy-mixed.txt"),
  });
  const eventTitle = "طیب آغا meets provincial officials in Mashhad";
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: eventTitle,
    date: { start: { year: 2015, month: 5 } },
  });
  const quote = "طیب آغا (Tayyab Agha) reached Mashhad on Tuesday as the envoy of the Taliban.";
  await cite(api, { sourceId: source.id, eventId: event.id, quote });
  await signIn(page, "analyst");

  // The reader: the English line opening with a Persian name stays left to right, the name isolated.
  const reader = new SourceReaderPage(page, workspace.slug);
  await reader.goto(source.id, title);
  const opening = reader.line("reached Mashhad on Tuesday");
  expect(await directionOf(opening)).toBe("ltr");
  expect(await isolatedRuns(opening)).toContain("طیب آغا");
  // The Persian paragraph reads right to left, with the English word inside isolated.
  const persian = reader.line("به گفته یک مقام استانی");
  expect(await directionOf(persian)).toBe("rtl");
  expect(await isolatedRuns(persian)).toContain("Taliban");
  expect(await directionOf(reader.line("Zabihullah Mujahid"))).toBe("ltr");
  // The title: mostly English, so left to right, the Persian word isolated.
  expect(await directionOf(reader.heading(title))).toBe("ltr");
  expect(await isolatedRuns(reader.heading(title))).toEqual(["گزارش"]);

  // The quote on the event page, and the event's title.
  const eventPage = new EventPage(page, workspace.slug);
  await eventPage.goto(event.id, eventTitle);
  expect(await directionOf(eventPage.heading(eventTitle))).toBe("ltr");
  const blockquote = eventPage.quote("reached Mashhad");
  expect(await directionOf(blockquote)).toBe("ltr");
  expect(await isolatedRuns(blockquote)).toContain("طیب آغا");

  // Lists: the chronology and the sources list.
  const chronology = new ChronologyPage(page, workspace.slug);
  await chronology.goto();
  const row = chronology.event(/meets provincial officials/);
  expect(await directionOf(row.locator("[dir=auto]").first())).toBe("ltr");
  const sources = new SourceListPage(page, workspace.slug);
  await sources.goto();
  const listed = sources
    .source(/Taliban envoy arrives/)
    .locator("[dir=auto]")
    .first();
  expect(await directionOf(listed)).toBe("ltr");
  expect(await isolatedRuns(listed)).toEqual(["گزارش"]);

  // Search results: the source's title and the quote's snippet.
  const search = new SearchPage(page, workspace.slug);
  await search.goto("Mashhad");
  const hit = search
    .group("Sources")
    .getByRole("link", { name: /Taliban envoy arrives/ })
    .locator("bdi")
    .first();
  expect(await directionOf(hit)).toBe("ltr");
  const quoted = search
    .group("Quotes")
    .getByRole("link", { name: /reached/ })
    .locator("bdi")
    .first();
  expect(await directionOf(quoted)).toBe("ltr");
});
