import type { Page } from "@playwright/test";
import { expect, test, type Api, type RoleKey } from "./fixtures";
import { ChronologyPage } from "./pages/chronology-page";
import { EventPage } from "./pages/event-page";
import { ImportJobPage } from "./pages/import-page";
import { createEvent, readFixture } from "./support/data";

type ApiFor = (role: RoleKey) => Api;

// Words of three passages of tests/fixtures/e2e/wire-report.txt, each proposed as a candidate event.
const MASHHAD = "June meeting in Mashhad";
const SINCE_JUNE = "three-way meetings in Iran since June";
const ADEL = "Saif al-Adel";

/** The article is imported through the API; the story is the review of its candidates. */
async function importArticle(api: ApiFor, workspaceId: string): Promise<string> {
  const started = await api("analyst").import.start.mutate({
    workspaceId,
    title: "Tehran keeps talking to the Taliban",
    publisherName: "Northline Wire",
    pubDate: { year: 2007, month: 9, day: 20 },
    language: "en",
    text: readFixture("wire-report.txt"),
  });
  if (started.status !== "started") throw new Error(`The import did not start: ${started.status}`);
  return started.jobId;
}

async function openJob(page: Page, slug: string, jobId: string) {
  const job = new ImportJobPage(page, slug);
  await job.goto(jobId);
  await expect(job.candidate(MASHHAD)).toBeVisible();
  return job;
}

test("an analyst accepts a candidate as proposed and finds it as a draft citing its passage", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const jobId = await importArticle(api, workspace.id);
  await signIn(page, "analyst");
  const job = await openJob(page, workspace.slug, jobId);
  const title = await job.candidate(MASHHAD).getByLabel("Proposed title").inputValue();

  await job.accept(MASHHAD);
  await expect(job.counts()).toContainText("1 accepted");
  await job.candidate(MASHHAD).getByRole("link", { name: title }).click();
  const event = new EventPage(page, workspace.slug);
  await event.expectLoaded(title);
  await expect(page.getByText("June 2007", { exact: true })).toBeVisible();
  await expect(event.citations().getByText(new RegExp(MASHHAD))).toBeVisible();
  await expect(event.review().status("Draft")).toBeVisible();
});

test("edit then accept: the analyst corrects title, date and summary before the event is made", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const jobId = await importArticle(api, workspace.id);
  await signIn(page, "analyst");
  const job = await openJob(page, workspace.slug, jobId);

  const card = await job.edit(ADEL);
  await card.getByLabel("Proposed title").fill("Saif al-Adel under supervision in Iran");
  await card.getByLabel("Start year").fill("2003");
  await card.getByLabel("Summary (optional)").fill("Held since 2003; movements restricted in 2006.");
  await card.getByRole("button", { name: "Accept as edited" }).click();
  await expect(job.decided(ADEL, "Accepted")).toBeVisible();

  await card.getByRole("link", { name: "Saif al-Adel under supervision in Iran" }).click();
  const event = new EventPage(page, workspace.slug);
  await event.expectLoaded("Saif al-Adel under supervision in Iran");
  await expect(page.getByText("Held since 2003; movements restricted in 2006.")).toBeVisible();
  await expect(event.citations().getByText(new RegExp(ADEL))).toBeVisible();
});

test("edit then accept refuses an event without a title, and nothing is made", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const jobId = await importArticle(api, workspace.id);
  await signIn(page, "analyst");
  const job = await openJob(page, workspace.slug, jobId);
  const card = await job.edit(ADEL);
  await card.getByLabel("Proposed title").fill("");
  await card.getByRole("button", { name: "Accept as edited" }).click();
  await expect(card.getByLabel("Proposed title").locator("xpath=..").getByRole("alert")).toBeVisible();
  await expect(job.counts()).toContainText("0 accepted");
  const events = await api("analyst").event.list.query({ workspaceId: workspace.id });
  expect(events.items).toHaveLength(0);
});

test("a candidate merged into an existing event adds its passage there instead of a new event", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const existing = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Envoys of Iran, the Taliban and al Qaeda meet",
    date: { start: { year: 2007, month: 6 } },
  });
  const jobId = await importArticle(api, workspace.id);
  await signIn(page, "analyst");
  const job = await openJob(page, workspace.slug, jobId);

  await job.mergeInto(SINCE_JUNE, "Envoys of Iran", /Envoys of Iran, the Taliban and al Qaeda meet/);
  await expect(job.counts()).toContainText("1 merged");
  const event = new EventPage(page, workspace.slug);
  await event.goto(existing.id, existing.title);
  await expect(event.citations().getByText(new RegExp(SINCE_JUNE))).toBeVisible();
  const events = await api("analyst").event.list.query({ workspaceId: workspace.id });
  expect(events.items.map((e) => e.title)).toEqual([existing.title]);
});

test("a dismissed candidate makes no event and cannot be decided again", async ({ workspace, api, page, signIn }) => {
  const jobId = await importArticle(api, workspace.id);
  await signIn(page, "analyst");
  const job = await openJob(page, workspace.slug, jobId);

  await job.dismiss(ADEL);
  await expect(job.counts()).toContainText("1 dismissed");
  await expect(job.candidate(ADEL).getByRole("button", { name: "Accept", exact: true })).toHaveCount(0);
  await expect(job.candidate(ADEL).getByRole("checkbox")).toHaveCount(0);
  const chronology = new ChronologyPage(page, workspace.slug);
  await chronology.goto();
  await expect(page.getByText(/^No events/)).toBeVisible();
});

test("a candidate someone else decided meanwhile is refused with a reason, not decided twice", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const jobId = await importArticle(api, workspace.id);
  await signIn(page, "analyst");
  const job = await openJob(page, workspace.slug, jobId);

  // A colleague dismisses it while the page is open.
  const { items } = await api("analyst2").import.candidates.query({ jobId });
  const adel = items.find((c) => c.passages.some((p) => p.text.includes(ADEL)))!;
  await api("analyst2").import.dismiss.mutate({ candidateId: adel.id, version: adel.version });

  await job.candidate(ADEL).getByRole("button", { name: "Accept", exact: true }).click();
  await expect(job.candidate(ADEL).getByRole("alert")).toContainText(/already dismissed|Someone else decided/);
  const events = await api("analyst").event.list.query({ workspaceId: workspace.id });
  expect(events.items).toHaveLength(0);
});

test("an analyst selects several candidates and accepts them at once", async ({ workspace, api, page, signIn }) => {
  const jobId = await importArticle(api, workspace.id);
  await signIn(page, "analyst");
  const job = await openJob(page, workspace.slug, jobId);

  await job.select(MASHHAD);
  await job.select(ADEL);
  await job.acceptSelected(2);
  await expect(page.getByRole("status").filter({ hasText: "2 accepted as draft events." })).toBeVisible();
  await expect(job.decided(MASHHAD, "Accepted")).toBeVisible();
  await expect(job.decided(ADEL, "Accepted")).toBeVisible();
  await expect(job.counts()).toContainText("2 accepted");
  const events = await api("analyst").event.list.query({ workspaceId: workspace.id });
  expect(events.items).toHaveLength(2);
});
