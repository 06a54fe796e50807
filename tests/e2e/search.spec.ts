import type { Page } from "@playwright/test";
import { expect, test, type Api, type RoleKey, type TestWorkspace } from "./fixtures";
import { EventPage } from "./pages/event-page";
import { SearchPage } from "./pages/search-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { WorkspaceHomePage } from "./pages/workspace-home-page";
import { cite, createEvent, createPublishedEvent, createSource } from "./support/data";

type ApiFor = (role: RoleKey) => Api;
type SignIn = (page: Page, role: RoleKey) => Promise<void>;

const SOURCE = "Envoys gather at the shrine city";
const EVENT = "Three-way meeting in Mashhad";
const QUOTE = "envoys met in Mashhad to agree on supply routes";

/** One published event citing one source: each kind of result once. */
async function smallDossier(api: ApiFor, workspaceId: string) {
  const source = await createSource(api, {
    workspaceId,
    kind: "NEWS_REPORT",
    title: SOURCE,
    publisherName: "Caspian Ledger",
    pubDate: { year: 2007, month: 7, day: 2 },
    language: "en",
    text: `TEHRAN, July 2 - In June ${QUOTE}, two officials said.`,
  });
  const event = await createPublishedEvent(api, {
    workspaceId,
    title: EVENT,
    date: { start: { year: 2007, month: 6 } },
    tags: ["iran"],
  });
  await cite(api, { sourceId: source.id, eventId: event.id, quote: QUOTE });
  return { source, event };
}

/** The small dossier, and the analyst on the search page with `query` in the address. */
async function analystSearching(
  { workspace, api, page, signIn }: { workspace: TestWorkspace; api: ApiFor; page: Page; signIn: SignIn },
  query: string,
) {
  await smallDossier(api, workspace.id);
  await signIn(page, "analyst");
  const search = new SearchPage(page, workspace.slug);
  await search.goto(query);
  return search;
}

test("one search from the header finds the event, the quote and the source, and each result opens", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const { source, event } = await smallDossier(api, workspace.id);
  await signIn(page, "analyst");
  const home = new WorkspaceHomePage(page, workspace.slug);
  await home.goto();
  await home.shell.search("Mashhad");

  const search = new SearchPage(page, workspace.slug);
  await search.expectLoaded();
  await expect(search.result("Events", new RegExp(EVENT))).toBeVisible();
  await expect(search.group("Quotes")).toContainText(QUOTE);
  await expect(search.result("Sources", new RegExp(SOURCE))).toBeVisible();

  await search.result("Events", new RegExp(EVENT)).click();
  await new EventPage(page, workspace.slug).expectLoaded(EVENT);
  await page.goBack();
  await search.result("Sources", new RegExp(SOURCE)).click();
  await new SourceReaderPage(page, workspace.slug).expectLoaded(SOURCE);
  expect(new URL(page.url()).pathname).toBe(`/w/${workspace.slug}/sources/${source.id}`);
  expect(event.id).toBeTruthy();
});

test("typing in the search box searches once typing pauses, not once per letter, and the address follows", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const search = await analystSearching({ workspace, api, page, signIn }, "Caspian");
  await expect(search.result("Entities", /Caspian Ledger/)).toBeVisible();

  // What the server is asked while typing: the results, and the page for each new address.
  const asked: string[] = [];
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (url.pathname.includes("search.query")) asked.push(`results ${url.searchParams.get("input") ?? ""}`);
    else if (url.pathname.endsWith("/search") && (req.headers()["rsc"] === "1" || url.searchParams.has("_rsc")))
      asked.push(`page ${url.search}`);
  });
  const box = page.getByRole("searchbox", { name: "Search", exact: true });
  await box.fill("");
  // Two words typed at speed: eleven keys, 40 ms apart. Without the pause this asked for the page
  // eleven times and for results six times.
  await box.pressSequentially("shrine city", { delay: 40 });
  await expect(search.result("Sources", new RegExp(SOURCE))).toBeVisible();
  await expect(page).toHaveURL(/[?&]q=shrine(\+|%20)city/);
  const results = asked.filter((a) => a.startsWith("results"));
  const pages = asked.filter((a) => a.startsWith("page"));
  expect(results.length, asked.join("\n")).toBeGreaterThan(0);
  expect(results.at(-1)).toContain("shrine city");
  expect(results.length + pages.length, asked.join("\n")).toBeLessThan(6);

  // Enter does not wait for the pause.
  await box.fill("Mashhad");
  await box.press("Enter");
  await expect(search.result("Events", new RegExp(EVENT))).toBeVisible();
  await expect(page).toHaveURL(/[?&]q=Mashhad/);
});

test("entities are found by name, and a search with no match says so", async ({ workspace, api, page, signIn }) => {
  const search = await analystSearching({ workspace, api, page, signIn }, "Caspian");
  await expect(search.result("Entities", /Caspian Ledger/)).toBeVisible();
  await search.result("Entities", /Caspian Ledger/).click();
  await expect(page.getByRole("heading", { level: 1, name: "Caspian Ledger" })).toBeVisible();

  await search.goto("Kandahar");
  await expect(search.nothingFound("Kandahar")).toBeVisible();
});

test("'Look in' narrows the results to the kinds ticked, and the choice stays in the address", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const search = await analystSearching({ workspace, api, page, signIn }, "Mashhad");
  await expect(search.group("Quotes")).toContainText(QUOTE);

  await search.lookIn("Events", false);
  await search.lookIn("Sources", false);
  await expect(page).toHaveURL(/kinds=entities%2Cquotes/);
  await expect(search.group("Events")).toHaveCount(0);
  await expect(search.group("Sources")).toHaveCount(0);
  await expect(search.group("Quotes")).toContainText(QUOTE);

  await page.reload();
  await expect(search.group("Quotes")).toContainText(QUOTE);
  await expect(search.group("Events")).toHaveCount(0);
  await expect(search.filters().getByRole("checkbox", { name: "Events" })).not.toBeChecked();
});

test("the event filters narrow events by date and tag, and a malformed date is explained", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  await smallDossier(api, workspace.id);
  await createEvent(api, {
    workspaceId: workspace.id,
    title: "Second meeting in Mashhad",
    date: { start: { year: 2012, month: 3 } },
    tags: ["border"],
  });
  await signIn(page, "analyst");
  const search = new SearchPage(page, workspace.slug);
  await search.goto("meeting Mashhad");
  await expect(search.group("Events").getByRole("link")).toHaveCount(2);

  await search.filterEvents({ from: "2010" });
  await expect(page).toHaveURL(/from=2010/);
  await expect(search.group("Events").getByRole("link")).toHaveCount(1);
  await expect(search.result("Events", /Second meeting in Mashhad/)).toBeVisible();

  await search.filterEvents({ from: "", tag: "iran" });
  await expect(search.group("Events").getByRole("link")).toHaveCount(1);
  await expect(search.result("Events", new RegExp(EVENT))).toBeVisible();

  // Dates are read as typed ("2010" above); one that is no date is explained.
  await search.filterEvents({ tag: "", to: "next blue moon" });
  await expect(search.error()).toContainText("Not a date we can read");
});

test("a viewer's search finds published events only; an analyst also finds drafts", async ({
  workspace,
  api,
  page,
  signIn,
  pageAs,
}) => {
  await smallDossier(api, workspace.id);
  await createEvent(api, {
    workspaceId: workspace.id,
    title: "Draft: Mashhad contacts continue",
    date: { start: { year: 2008 } },
  });
  await signIn(page, "viewer");
  const viewer = new SearchPage(page, workspace.slug);
  await viewer.goto("Mashhad");
  await expect(viewer.result("Events", new RegExp(EVENT))).toBeVisible();
  await expect(viewer.result("Events", /Mashhad contacts continue/)).toHaveCount(0);

  const analyst = new SearchPage(await pageAs("analyst"), workspace.slug);
  await analyst.goto("Mashhad");
  await expect(analyst.result("Events", /Mashhad contacts continue/)).toBeVisible();
});
