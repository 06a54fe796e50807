import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pdfLines } from "../helpers/pdf-text";
import { expect, test, type Api, type RoleKey } from "./fixtures";
import { BriefingPage } from "./pages/briefing-page";
import { SourceListPage } from "./pages/source-list-page";
import { cite, createEvent, createSource, publishEvent } from "./support/data";
import { expectNoHorizontalOverflow } from "./support/layout";

type ApiFor = (role: RoleKey) => Api;

/**
 * The sources list ordered by how often each source is cited (counting only
 * what the reader may see), filtered by the reliability of each source's
 * origin as the reader is shown it (blind votes stay blind), and a briefing's
 * mixed Persian and English paragraphs laid out on paper as on screen.
 */

const QUOTES = ["Delegates from the movement", "seen in the hall", "on both days of the gathering", "a diplomat said"];

function source(api: ApiFor, workspaceId: string, title: string, publisherName = "") {
  return createSource(api, {
    workspaceId,
    kind: "NEWS_REPORT",
    title,
    publisherName,
    pubDate: { year: 2011, month: 9, day: 14 },
    language: "en",
    text: `${title}. Delegates from the movement were seen in the hall on both days of the gathering, a diplomat said.`,
  });
}

/** Where the screenshots of the list go (git-ignored), named in the report. */
const SCREENS = path.resolve(".data/screens");

test("orders sources by most and least cited, each reader counting only the citations they may see", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const wire = await source(api, workspace.id, "Wire report on the gathering");
  const herald = await source(api, workspace.id, "Herald column on the gathering");
  await source(api, workspace.id, "Uncited leaflet about the gathering");
  // Published: the wire cited three times, the herald once.
  const visit = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Delegates attend",
    date: { start: { year: 2011 } },
  });
  for (const quote of QUOTES.slice(0, 3)) await cite(api, { sourceId: wire.id, eventId: visit.id, quote });
  await cite(api, { sourceId: herald.id, eventId: visit.id, quote: QUOTES[0]! });
  await publishEvent(api, visit.id);
  // A draft cites the herald three more times: contributors count them, viewers never learn of them.
  const draft = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Second day",
    date: { start: { year: 2011 } },
  });
  for (const quote of QUOTES.slice(1)) await cite(api, { sourceId: herald.id, eventId: draft.id, quote });

  await signIn(page, "analyst");
  const list = new SourceListPage(page, workspace.slug);
  await list.goto();
  await list.sortBy("Most cited");
  await expect
    .poll(() => list.titles())
    .toEqual(["Herald column on the gathering", "Wire report on the gathering", "Uncited leaflet about the gathering"]);
  await expect(list.citationCount(/Herald column/)).toHaveText("4 citations");

  await signIn(page, "viewer");
  await list.goto();
  // Chosen from the keyboard: the order control is a labelled select.
  const order = page.getByLabel("Order");
  await order.focus();
  await order.selectOption({ label: "Most cited" });
  await expect(order).toBeFocused();
  await expect
    .poll(() => list.titles())
    .toEqual(["Wire report on the gathering", "Herald column on the gathering", "Uncited leaflet about the gathering"]);
  await expect(list.citationCount(/Herald column/)).toHaveText("1 citation");
  await expect(list.citationCount(/Wire report/)).toHaveText("3 citations");
  await list.sortBy("Least cited");
  await expect
    .poll(() => list.titles())
    .toEqual(["Uncited leaflet about the gathering", "Herald column on the gathering", "Wire report on the gathering"]);
});

test("filters by origin reliability as each reader is shown it, never by a rating hidden until they vote", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const wire = await source(api, workspace.id, "Northgate wire on the gathering", "Northgate");
  await source(api, workspace.id, "Harbour blog on the gathering", "Harbour Blog");
  await source(api, workspace.id, "Unsigned leaflet about the gathering");
  const northgate = (await api("analyst").source.get.query({ sourceId: wire.id })).publisher!.id;
  for (const role of ["reviewer", "admin"] as const)
    await api(role).vote.cast.mutate({ entityId: northgate, grade: "B", rationale: "A long record of accurate wires" });

  // The analyst has not voted on Northgate: its B stays hidden, and the filter does not give it away.
  await signIn(page, "analyst");
  const list = new SourceListPage(page, workspace.slug);
  await list.goto();
  await expect(list.reliabilityHint()).toContainText("hidden until you vote or skip");
  await expect(list.reliabilityFilter()).toHaveAccessibleDescription(/count as not rated/);
  await list.filterByReliability(/^B — /);
  await expect(list.noMatch()).toBeVisible();
  await list.filterByReliability("Not rated, or hidden until you vote");
  await expect.poll(async () => (await list.titles()).length).toBe(3);

  for (const size of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    await list.sortBy("Most cited");
    await expectNoHorizontalOverflow(page);
    mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({
      path: path.join(SCREENS, `sources-list-${size.width}x${size.height}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // Once the analyst votes, the consensus (B, B, D: B) is theirs to see and to filter by.
  await api("analyst").vote.cast.mutate({ entityId: northgate, grade: "D", rationale: "Recent wires were wrong" });
  await list.goto();
  await list.filterByReliability(/^B — /);
  await expect.poll(() => list.titles()).toEqual(["Northgate wire on the gathering"]);

  // A viewer reads the published consensus.
  await signIn(page, "viewer");
  await list.goto();
  await expect(list.reliabilityHint()).not.toContainText("hidden");
  await list.filterByReliability(/^B — /);
  await expect.poll(() => list.titles()).toEqual(["Northgate wire on the gathering"]);
  await list.filterByReliability("Not rated");
  await expect
    .poll(async () => (await list.titles()).sort())
    .toEqual(["Harbour blog on the gathering", "Unsigned leaflet about the gathering"]);
});

test("a briefing's PDF sets a mostly Persian paragraph right to left even when it opens with an English name, and the reverse", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const analyst = api("analyst");
  const title = "Envoys and names in two scripts";
  const b = await analyst.briefing.create.mutate({ workspaceId: workspace.id, title, marking: "TLP:CLEAR" });
  const saved = await analyst.briefing.update.mutate({
    id: b.id,
    version: b.version,
    summary: "Two short paragraphs.",
    body: [
      "Tayyab Agha (طیب آغا) گفت که گفت‌وگو با هیئت در تهران ادامه دارد.",
      "محمدجواد ظریف met the Taliban delegation in Tehran on Monday.",
    ].join("\n\n"),
  });
  const { round } = await analyst.briefing.submit.mutate({ id: b.id, version: saved.version });
  await api("reviewer").briefing.decide.mutate({ id: b.id, round, decision: "APPROVE" });

  await signIn(page, "viewer");
  const briefing = new BriefingPage(page, workspace.slug);
  await briefing.goto(b.id, title);
  const file = await briefing.downloadExport("pdf");
  const lines = pdfLines(new Uint8Array(readFileSync((await file.path())!)));
  const lineWith = (word: string) => lines.find((l) => l.words.some((w) => w.text === word))!;
  const page1 = lines.filter((l) => l.page === lineWith("Tayyab").page);
  const left = Math.min(...page1.map((l) => l.xMin));
  const right = Math.max(...page1.map((l) => l.xMax));

  // Right to left: flush with the right edge, the English name first (rightmost), in its own order.
  const rtl = lineWith("Tayyab");
  const at = (l: typeof rtl, w: string) => l.words.find((x) => x.text === w)!;
  expect(right - rtl.xMax).toBeLessThan(2);
  expect(rtl.xMin - left).toBeGreaterThan(100);
  expect(at(rtl, "Tayyab").xMax).toBeLessThan(at(rtl, "Agha").xMin);
  expect(Math.max(...rtl.words.map((w) => w.xMax))).toBe(at(rtl, "Agha").xMax);
  // Left to right: flush with the left edge, the Persian name first, then the English words in order.
  const ltr = lineWith("met");
  expect(ltr.xMin - left).toBeLessThan(2);
  expect(right - ltr.xMax).toBeGreaterThan(100);
  for (const w of ltr.words.filter((x) => /[\u0600-\u06FF]/.test(x.text)))
    expect(w.xMax).toBeLessThan(at(ltr, "met").xMin);
  expect(at(ltr, "met").xMax).toBeLessThan(at(ltr, "Monday.").xMin);
});
