import { readFileSync } from "node:fs";
import { extractText, getDocumentProxy } from "unpdf";
import { expect, test, type Api, type RoleKey, type TestWorkspace } from "./fixtures";
import { BriefingPage } from "./pages/briefing-page";
import { cite, createEvent, createSource, publishEvent } from "./support/data";

type ApiFor = (role: RoleKey) => Api;

const TITLE = "Tehran's quiet channel to the Taliban";
const EVENT = "Berlin official describes regular contacts";
const QUOTE = "Tehran has kept regular contacts with the movement's leaders";
const SOURCE_TEXT = `A senior security official in Berlin said on Thursday that ${QUOTE}, although he could not say whether al-Qaeda took part.`;

/**
 * A briefing marked TLP:AMBER citing one published event, which quotes a
 * source; approved by the reviewer unless `publish` is false.
 */
async function briefingCitingAQuote(api: ApiFor, workspace: TestWorkspace, publish = true) {
  const source = await createSource(api, {
    workspaceId: workspace.id,
    kind: "NEWS_REPORT",
    title: "Berlin official on Iran's contacts",
    publisherName: "Northline Wire",
    pubDate: { year: 2007, month: 9, day: 20 },
    language: "en",
    text: SOURCE_TEXT,
  });
  // Cited while a draft, so the quote is published with the event.
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: EVENT,
    summary: "He is unsure about al-Qaeda.",
    date: { start: { year: 2007, month: 9, day: 20 } },
  });
  await cite(api, { sourceId: source.id, eventId: event.id, quote: QUOTE });
  await publishEvent(api, event.id);
  const analyst = api("analyst");
  const b = await analyst.briefing.create.mutate({ workspaceId: workspace.id, title: TITLE, marking: "TLP:AMBER" });
  const saved = await analyst.briefing.update.mutate({
    id: b.id,
    version: b.version,
    summary: "Iran keeps a working line to the movement.",
    body: `## Contacts\n\nA Berlin official describes the contacts [@event:${event.id}].\n`,
  });
  if (publish) {
    const { round } = await analyst.briefing.submit.mutate({ id: b.id, version: saved.version });
    await api("reviewer").briefing.decide.mutate({ id: b.id, round, decision: "APPROVE" });
  }
  return { briefingId: b.id, eventId: event.id };
}

test.describe("a viewer downloads a published briefing", () => {
  test("as Markdown: the text with numbered footnotes, the marking and the chronology", async ({
    workspace,
    api,
    page,
    signIn,
  }) => {
    const { briefingId, eventId } = await briefingCitingAQuote(api, workspace);
    await signIn(page, "viewer");
    const briefing = new BriefingPage(page, workspace.slug);
    await briefing.goto(briefingId, TITLE);
    const file = await briefing.downloadExport("md");
    expect(file.suggestedFilename()).toMatch(/^tehran-s-quiet-channel-to-the-taliban-\d{4}-\d{2}-\d{2}\.md$/);
    const md = readFileSync((await file.path())!, "utf8");
    expect(md.split("\n")[0]).toBe(`# ${TITLE}`);
    expect(md).toContain("**TLP:AMBER**");
    expect(md).not.toContain("DRAFT");
    expect(md).toContain("A Berlin official describes the contacts [^1].");
    expect(md).toContain(`[^1]: Event: ${EVENT}. 20 September 2007.`);
    expect(md).toContain(`| 20 September 2007 | ${EVENT} |`);
    expect(md).toContain(`Event \`${eventId}\``);
    expect(md).not.toContain("[@event:");
  });

  test("as CSV: one row per cited event with its date and source", async ({ workspace, api, page, signIn }) => {
    const { briefingId, eventId } = await briefingCitingAQuote(api, workspace);
    await signIn(page, "viewer");
    const briefing = new BriefingPage(page, workspace.slug);
    await briefing.goto(briefingId, TITLE);
    const file = await briefing.downloadExport("csv");
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await file.path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("Date,Event,Rating,Contested,Status,Sources,Summary,Event id,Version,Revision id");
    expect(lines[1]).toContain(`20 September 2007,${EVENT},`);
    expect(lines[1]).toContain("Northline Wire: Berlin official on Iran's contacts");
    expect(lines[1]).toContain(eventId);
  });

  test("as JSON: the briefing, its cited event and the quote behind it", async ({ workspace, api, page, signIn }) => {
    const { briefingId, eventId } = await briefingCitingAQuote(api, workspace);
    await signIn(page, "viewer");
    const briefing = new BriefingPage(page, workspace.slug);
    await briefing.goto(briefingId, TITLE);
    const file = await briefing.downloadExport("json");
    expect(file.suggestedFilename()).toMatch(/\.json$/);
    const json = JSON.parse(readFileSync((await file.path())!, "utf8")) as {
      briefing: { id: string; title: string; marking: string; published: boolean; reviewers: string[] };
      events: { id: string; title: string; quotes: { quote: string }[] }[];
      sources: { title: string }[];
    };
    expect(json.briefing).toMatchObject({ id: briefingId, title: TITLE, marking: "TLP:AMBER", published: true });
    expect(json.briefing.reviewers).toEqual(["Rui Reviewer"]);
    expect(json.events).toHaveLength(1);
    expect(json.events[0]).toMatchObject({ id: eventId, title: EVENT });
    expect(json.events[0]!.quotes.map((q) => q.quote)).toEqual([QUOTE]);
    expect(json.sources.map((s) => s.title)).toEqual(["Berlin official on Iran's contacts"]);
  });

  test("as PDF: its text holds the title, the cited quote and the marking", async ({
    workspace,
    api,
    page,
    signIn,
  }) => {
    const { briefingId } = await briefingCitingAQuote(api, workspace);
    await signIn(page, "viewer");
    const briefing = new BriefingPage(page, workspace.slug);
    await briefing.goto(briefingId, TITLE);
    const file = await briefing.downloadExport("pdf");
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = new Uint8Array(readFileSync((await file.path())!));
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const text = await pdfText(bytes);
    expect(text).toContain(TITLE);
    expect(text).toContain(QUOTE);
    expect(text).toContain("TLP:AMBER");
    expect(text).not.toContain("DRAFT");
  });
});

test("an author's draft PDF says on it that it is not reviewed, and a viewer cannot fetch it", async ({
  workspace,
  api,
  page,
  signIn,
  pageAs,
}) => {
  const { briefingId } = await briefingCitingAQuote(api, workspace, false);
  await signIn(page, "analyst");
  const briefing = new BriefingPage(page, workspace.slug);
  await briefing.goto(briefingId, TITLE);
  const link = page.getByRole("link", { name: "Draft PDF" });
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const text = await pdfText(new Uint8Array(readFileSync((await file.path())!)));
  expect(text).toContain(TITLE);
  expect(text).toContain("DRAFT — not reviewed");

  const viewer = await pageAs("viewer");
  const refused = await viewer.request.get((await link.getAttribute("href"))!);
  expect(refused.status()).toBe(404);
  await expect(briefing.exportLink("pdf")).toHaveCount(0);
});

/** The PDF's text in reading order, whitespace and soft hyphen breaks made plain. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(bytes);
  const { text } = await extractText(pdf, { mergePages: true });
  return text
    .replace(/[\u00AD\u200B\u202A-\u202E\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

test("a briefing moved to the trash can no longer be downloaded, even from a link kept earlier", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const { briefingId } = await briefingCitingAQuote(api, workspace);
  await signIn(page, "viewer");
  const briefing = new BriefingPage(page, workspace.slug);
  await briefing.goto(briefingId, TITLE);
  const href = (await briefing.exportLink("md").getAttribute("href"))!;
  expect((await page.request.get(href)).status()).toBe(200);

  const { version } = await api("admin").briefing.get.query({ id: briefingId });
  await api("admin").briefing.delete.mutate({ id: briefingId, version });
  expect((await page.request.get(href)).status()).toBe(404);
  await page.reload();
  await expect(page.getByText("Briefing not found")).toBeVisible();
});
