import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { ChronologyPage } from "./pages/chronology-page";
import { createEvent, createPublishedEvent } from "./support/data";

/**
 * The chronology downloads as CSV or JSON with the filters on screen: a
 * viewer's file holds the published events the list shows them, never a
 * draft, and a filter narrows the file as it narrows the list.
 */
test("a viewer downloads the chronology as CSV and, filtered by tag, as JSON", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const input = (title: string, year: number, tags: string[]) => ({
    workspaceId: workspace.id,
    title,
    summary: `Reported in ${year}.`,
    date: { start: { year } },
    tags,
  });
  await createPublishedEvent(api, input("Border commission meets in Zaranj", 2009, ["border"]));
  await createPublishedEvent(api, input("Fuel shipments resume at Islam Qala", 2012, ["trade"]));
  await createEvent(api, input("Unconfirmed report of a second meeting", 2010, ["border"]));

  await signIn(page, "viewer");
  const chronology = new ChronologyPage(page, workspace.slug);
  await chronology.goto();
  await expect(chronology.event(/Border commission/)).toBeVisible();

  const csv = await chronology.downloadExport("csv");
  expect(csv.suggestedFilename()).toMatch(/-chronology-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await csv.path())!, "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe("Date,Event,Rating,Contested,Status,Sources,Summary,Event id,Version,Revision id");
  expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual([
    "Border commission meets in Zaranj",
    "Fuel shipments resume at Islam Qala",
  ]);

  await chronology.goto("?tag=border");
  const json = await chronology.downloadExport("json");
  const body = JSON.parse(readFileSync((await json.path())!, "utf8")) as {
    workspace: { filters: Record<string, string> };
    events: { title: string; status: string }[];
  };
  expect(body.workspace.filters).toEqual({ tag: "border" });
  expect(body.events.map((e) => [e.title, e.status])).toEqual([["Border commission meets in Zaranj", "PUBLISHED"]]);
});
