import { expect, test } from "./fixtures";
import { SourceReaderPage } from "./pages/source-reader-page";
import { cite, createEvent, createSource } from "./support/data";

// A log of about 200 KB, with one passage near its end that an event cites.
const DEEP = "The dredger Wren struck the old breakwater at the turn of the evening tide.";
const LINES = Array.from(
  { length: 1800 },
  (_, i) => `Entry ${i + 1}: the harbour master noted the tide, the wind and ${i % 7} vessels at the outer mark.`,
);
LINES.splice(1700, 0, DEEP);

test("a long source opens with its first part, loads more on request, and opens a citation deep in the text at its passage", async ({
  page,
  workspace,
  signIn,
  api,
}) => {
  const source = await createSource(api, {
    workspaceId: workspace.id,
    kind: "REPORT",
    title: "Harbour master's log",
    text: LINES.join("\n"),
  });
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Dredger strikes the breakwater",
    date: { start: { year: 2021, month: 11 } },
  });
  await cite(api, { sourceId: source.id, eventId: event.id, quote: DEEP });
  await signIn(page, "analyst");

  const reader = new SourceReaderPage(page, workspace.slug);
  await reader.goto(source.id, "Harbour master's log");
  // The first part only: the beginning is there, the end and the cited passage are not yet.
  await expect(reader.text()).toContainText("Entry 1: the harbour master");
  await expect(reader.text()).not.toContainText("Entry 1800:");
  await expect(reader.loadedStatus()).toBeVisible();
  const before = (await reader.text().textContent())!.length;

  await reader.showMore();
  await expect.poll(async () => (await reader.text().textContent())!.length).toBeGreaterThan(before);
  await expect(reader.text()).not.toContainText(DEEP);

  // The citation's passage lies parts further on: opening it loads that far and scrolls to it.
  await reader.showPassageOf("Dredger strikes the breakwater");
  await expect(reader.passage("dredger Wren")).toBeInViewport();
  await expect(page).toHaveURL(/\?citation=/);

  // Quoting keeps the offsets of the whole text in a part loaded later.
  await reader.select("turn of the evening tide");
});
