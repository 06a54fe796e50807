import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { DEMO_SLUG } from "./pages/workspace-page";

// The shared seed articles sit next to the repository; DOSSIER_SEEDS_DIR points elsewhere (a worktree, CI).
const SEEDS = process.env.DOSSIER_SEEDS_DIR ?? path.resolve("../shared/seeds");

const ARTICLE = readFileSync(path.join(SEEDS, "taliban-maintains-relationship-with-iran.txt"), "utf8");
const PASSAGE = "However, he denied reports that the Taliban has appointed a representative in Iran.";
const TITLE = "Taliban deny having a representative in Iran";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await new SignInPage(page).signIn(email);
  return page;
}

test("four eyes: an analyst submits, a reviewer asks for changes, the analyst fixes it, the reviewer approves, the viewer sees it rated", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const analyst = await signedIn(browser, "analyst@dossier.local");
  // Specs share one server: start with no unread notifications, so the bell
  // counts only what this journey sends.
  const cleared = await analyst.evaluate(
    async () =>
      (
        await fetch("/api/trpc/notification.markRead", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ json: {} }),
        })
      ).status,
  );
  expect(cleared).toBe(200);

  // Source, passage, cited event.
  await analyst.goto(`/w/${DEMO_SLUG}/sources/new`);
  const form = analyst.getByRole("form", { name: "New source" });
  await form.getByLabel("Title").fill("Report: Afghan Taliban still maintains a relationship with Iran (full text)");
  await form.getByLabel("Publisher", { exact: true }).fill("Asharq al-Awsat"); // an alias of the known publisher
  await form.getByLabel("Text").fill(ARTICLE);
  await form.getByRole("button", { name: "Save source" }).click();
  await expect(analyst.getByRole("heading", { level: 1, name: /full text/ })).toBeVisible();

  // B on the publisher (from the reader).
  const reliability = analyst.getByRole("region", { name: "Reliability of Asharq Al-Awsat" });
  await reliability.getByLabel(/^B — Usually reliable/).check({ force: true });
  await reliability.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(reliability.getByRole("list", { name: "Votes" })).toContainText("Ana Analyst");

  const reader = new SourceReaderPage(analyst);
  await reader.select(PASSAGE);
  await reader.citeOnNewEvent({ title: TITLE, month: "April", year: 2016 });
  const eventUrl = analyst.url();

  // 2 on the event, then submit.
  const credibility = analyst.getByRole("region", { name: "Credibility of this event" });
  await credibility.getByLabel(/^2 — Probably true/).check({ force: true });
  await credibility.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(credibility.getByRole("list", { name: "Votes" })).toContainText("Ana Analyst");
  const review = analyst.getByRole("region", { name: "Review" });
  await review.getByRole("button", { name: "Submit for review" }).click();
  await expect(review.getByText("Pending review")).toBeVisible();

  // The analyst cannot approve: no button, and the API refuses.
  await expect(review.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const eventId = eventUrl.split("/").at(-1)!;
  const refused = await analyst.request.post("/api/trpc/review.decide", {
    data: { json: { eventId, round: 1, decision: "APPROVE", comment: "" } },
  });
  expect(refused.status()).toBe(403);

  // The reviewer finds it in the queue, votes blind, asks for changes.
  const reviewer = await signedIn(browser, "reviewer@dossier.local");
  await reviewer.goto(`/w/${DEMO_SLUG}/review`);
  const item = reviewer.getByTestId("queue-item").filter({ hasText: TITLE });
  await expect(item).toContainText("Ana Analyst");
  await expect(item.getByRole("list", { name: "Checklist" })).toContainText("Supporting citation with a quote");
  await item.getByRole("link", { name: TITLE }).click();
  const rCred = reviewer.getByRole("region", { name: "Credibility of this event" });
  await expect(rCred.getByTestId("blind-hint")).toContainText("1 analyst has voted");
  await rCred.getByLabel(/^3 — Possibly true/).check({ force: true });
  await rCred.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(rCred.getByRole("list", { name: "Votes" })).toContainText("Rostam Reviewer");
  const rReview = reviewer.getByRole("region", { name: "Review" });
  await rReview.getByLabel(/^Comment/).fill("Please say in the summary who made the denial, @Ana.");
  await rReview.getByRole("button", { name: "Request changes" }).click();
  await expect(rReview.getByText("Changes requested").first()).toBeVisible();

  // The analyst is notified, edits and resubmits.
  await analyst.goto(eventUrl);
  const bell = analyst.getByTestId("notifications");
  await expect(bell.locator("summary")).toContainText("1");
  await bell.locator("summary").click();
  await expect(bell.getByText(/asked for changes to “Taliban deny having a representative in Iran”/)).toBeVisible();
  await analyst.goto(`${eventUrl}/edit`);
  await analyst
    .getByLabel("Summary (Markdown)")
    .fill("The Taliban's chief spokesman denied that the movement had named a representative in Iran.");
  await analyst.getByRole("button", { name: "Save", exact: true }).click();
  await expect(analyst.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await analyst.getByRole("region", { name: "Review" }).getByRole("button", { name: "Submit for review" }).click();
  await expect(analyst.getByRole("region", { name: "Review" }).getByText("Pending review")).toBeVisible();

  // The reviewer approves from the queue.
  await reviewer.goto(`/w/${DEMO_SLUG}/review`);
  const again = reviewer.getByTestId("queue-item").filter({ hasText: TITLE });
  await expect(again).toContainText("round 2");
  await again.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByText("1 decided.")).toBeVisible();

  // The viewer sees the published event with its consensus rating.
  const viewer = await signedIn(browser, "viewer@dossier.local");
  await viewer.goto(`/w/${DEMO_SLUG}/events`);
  const row = viewer.getByRole("link", { name: new RegExp(TITLE) });
  await expect(row).toBeVisible();
  await expect(row.getByTitle(/Consensus rating B3/)).toBeVisible();
  await row.click();
  await expect(viewer.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(viewer.getByText("who made the denial")).toHaveCount(0);

  // Evidence on a published event changes through review too: a proposed removal leaves the citation with readers.
  await analyst.goto(eventUrl);
  await analyst.getByRole("button", { name: "Propose removal" }).click();
  await expect(analyst.getByText("Proposed for removal")).toBeVisible();
  await viewer.reload();
  await expect(viewer.getByText(PASSAGE)).toBeVisible();
  await expect(viewer.getByText("Proposed for removal")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /removal|Remove/ })).toHaveCount(0);
});
