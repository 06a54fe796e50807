import { expect, test } from "./fixtures";
import { SearchPage } from "./pages/search-page";
import { SourceListPage } from "./pages/source-list-page";
import { cite, createEvent, createSource, readFixture } from "./support/data";

/**
 * Finding things: a name typed as one of an entity's aliases finds sources
 * and quotes written with another, and says which name matched; copies of
 * one article come as one result; the sources list says what each source is.
 */
test("an alias finds sources and quotes too, says which name matched, and copies come grouped", async ({
  page,
  workspace,
  api,
  signIn,
}) => {
  await api("analyst").entity.create.mutate({
    workspaceId: workspace.id,
    kind: "PLACE",
    name: "Mashhad",
    aliases: ["Mashad", "Meshed", "مشهد"],
  });
  const text = readFixture("border-envoy-mixed.txt");
  const base = {
    workspaceId: workspace.id,
    kind: "NEWS_REPORT" as const,
    title: "Envoy reaches the shrine city",
    publisherName: "Herat Ledger",
    language: "en",
  };
  const first = await createSource(api, { ...base, pubDate: { year: 2015, month: 5, day: 12 }, text });
  await createSource(api, {
    ...base,
    pubDate: { year: 2015, month: 5, day: 13 },
    text: `${text}\nThis copy was saved from the paper's second edition.`,
    allowSimilar: true,
  });
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Envoy's visit to the shrine city",
    date: { start: { year: 2015, month: 5 } },
  });
  await cite(api, {
    sourceId: first.id,
    eventId: event.id,
    quote: "The visitors flew on to Tehran (تهران) on Thursday, the ministry said.",
  });
  await cite(api, {
    sourceId: first.id,
    eventId: event.id,
    quote: "طیب آغا (Tayyab Agha) reached Mashhad on Tuesday as the envoy of the Taliban.",
  });
  await signIn(page, "analyst");

  const search = new SearchPage(page, workspace.slug);
  await search.goto("Mashad");
  // Nothing is written "Mashad": every hit comes through the entity's other names.
  const sources = search.group("Sources");
  await expect(sources.getByRole("link", { name: "Envoy reaches the shrine city" })).toHaveCount(1);
  await expect(sources.getByTestId("source-copies")).toContainText("Also saved once more");
  await expect(sources.getByTestId("matched-alias").first()).toContainText(/matched “(Mashhad|مشهد)”/);
  const quotes = search.group("Quotes");
  await expect(quotes.getByRole("listitem")).toHaveCount(1);
  await expect(quotes.getByRole("link", { name: /reached Mashhad/ })).toBeVisible();
  await expect(quotes.getByTestId("matched-alias")).toContainText("matched “Mashhad”");
});

test("the sources list shows origin reliability, kind, language, date and citations, and sorts and filters", async ({
  page,
  workspace,
  api,
  signIn,
}) => {
  const make = (title: string, year: number, language: string, kind: "NEWS_REPORT" | "INTERVIEW", extra: string) =>
    createSource(api, {
      workspaceId: workspace.id,
      kind,
      title,
      publisherName: "Kabul Courier",
      pubDate: { year, month: 3 },
      language,
      text: `${title}. ${extra}`,
    });
  // Added newest last, published in another order.
  await make("Older report on the border", 2009, "en", "NEWS_REPORT", "Troops moved along the frontier.");
  await make("گفتگو با یک مقام", 2016, "fa", "INTERVIEW", "یک گفتگوی کوتاه درباره مرز.");
  await make("Middle report on the talks", 2012, "en", "NEWS_REPORT", "Envoys met twice that spring.");
  const [publisher] = await api("admin").entity.suggest.query({ workspaceId: workspace.id, q: "Kabul Courier" });
  await api("reviewer").vote.cast.mutate({ entityId: publisher!.id, grade: "B", rationale: "A steady record." });
  await api("admin").vote.cast.mutate({ entityId: publisher!.id, grade: "B", rationale: "Seldom wrong." });
  await signIn(page, "viewer");

  const list = new SourceListPage(page, workspace.slug);
  await list.goto();
  const row = list.source("گفتگو با یک مقام");
  await expect(row).toContainText("Interview");
  await expect(row).toContainText("language: fa");
  await expect(row).toContainText("March 2016");
  await expect(row).toContainText("0 citations");
  await expect(row.getByTestId("origin-reliability")).toHaveText("origin B — usually reliable");
  expect(await list.titles()).toEqual(["Middle report on the talks", "گفتگو با یک مقام", "Older report on the border"]);

  await list.filters().getByLabel("Order").selectOption({ label: "Newest published" });
  await expect
    .poll(() => list.titles())
    .toEqual(["گفتگو با یک مقام", "Middle report on the talks", "Older report on the border"]);

  await list.filters().getByLabel("Language").fill("fa");
  await expect.poll(() => list.titles()).toEqual(["گفتگو با یک مقام"]);
  await list.filters().getByLabel("Language").fill("");
  await list.filters().getByLabel("Kind").selectOption({ label: "News report" });
  await expect.poll(() => list.titles()).toEqual(["Middle report on the talks", "Older report on the border"]);
});
