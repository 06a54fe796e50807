import path from "node:path";
import { expect, test } from "./fixtures";
import { BriefingPage } from "./pages/briefing-page";
import { ChronologyPage } from "./pages/chronology-page";
import { EditSourcePage } from "./pages/edit-source-page";
import { EventPage } from "./pages/event-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { cite, createEvent, createSource, publishEvent } from "./support/data";

const TEXT = "A wire agency reported that envoys of both governments met at the border crossing on Tuesday.";
const RETRACTION = "The agency withdrew the story: no meeting took place that week.";
const CORRECTION =
  "The meeting reported in the wire story did not take place; the judgment now rests on other sources.";

test("a retracted source puts a banner on the published briefing, and the authors' correction is reviewed and shown", async ({
  workspace,
  api,
  signIn,
  page,
  pageAs,
}) => {
  const source = await createSource(api, {
    workspaceId: workspace.id,
    kind: "NEWS_REPORT",
    title: "Envoys meet at the crossing",
    publisherName: "Wire Agency",
    text: TEXT,
  });
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Envoys meet at the border",
    date: { start: { year: 2021, month: 3 } },
  });
  // Cited before it is published, so the passage is part of the published evidence.
  await cite(api, { sourceId: source.id, eventId: event.id, quote: "envoys of both governments met" });
  await publishEvent(api, event.id);
  const analyst = api("analyst");
  const created = await analyst.briefing.create.mutate({ workspaceId: workspace.id, title: "Border contacts" });
  const saved = await analyst.briefing.update.mutate({
    id: created.id,
    version: created.version,
    body: `Envoys met at the border [@event:${event.id}].`,
  });
  const { round } = await analyst.briefing.submit.mutate({ id: created.id, version: saved.version });
  await api("reviewer").briefing.decide.mutate({ id: created.id, round, decision: "APPROVE", comment: "" });

  const { version } = await api("admin").source.get.query({ sourceId: source.id });
  await api("admin").source.setStanding.mutate({
    sourceId: source.id,
    version,
    standing: "RETRACTED",
    note: RETRACTION,
    link: "https://agency.example/retractions/7",
  });
  // The propagation runs on the job queue.
  await expect
    .poll(async () => (await api("viewer").briefing.get.query({ id: created.id })).evidence?.needsCorrection, {
      timeout: 30_000,
    })
    .toBe(true);

  await signIn(page, "viewer");
  const reader = new BriefingPage(page, workspace.slug);
  await reader.goto(created.id, "Border contacts");
  const banner = reader.evidenceBanner();
  await expect(banner).toContainText("Evidence changed since this briefing was approved");
  await expect(banner).toContainText(`Source “Envoys meet at the crossing” was retracted: ${RETRACTION}`);
  await expect(banner.getByRole("link", { name: "Announcement" })).toHaveAttribute(
    "href",
    "https://agency.example/retractions/7",
  );
  await expect(banner.getByLabel("Correction notice")).toHaveCount(0);
  // Set SCREENSHOT_DIR to keep a picture of the banner for a visual check.
  if (process.env.SCREENSHOT_DIR)
    await banner.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, "retraction-banner.png") });

  // The chronology marks the event's row; its page says why, when, and what its support was before and after.
  const chronology = new ChronologyPage(page, workspace.slug);
  await chronology.goto();
  await expect(chronology.evidenceMarker("Envoys meet at the border")).toBeVisible();
  await chronology.event("Envoys meet at the border").click();
  const eventPage = new EventPage(page, workspace.slug);
  await eventPage.expectLoaded("Envoys meet at the border");
  const flags = eventPage.evidenceFlags();
  await expect(flags).toContainText("Source retracted");
  await expect(flags).toContainText(`Source “Envoys meet at the crossing” was retracted: ${RETRACTION}`);
  await expect(flags).toContainText("Supporting sources 1 → 0; independent origins 1 → 0");
  await expect(flags.getByRole("link", { name: "Announcement" })).toHaveAttribute(
    "href",
    "https://agency.example/retractions/7",
  );

  const author = new BriefingPage(await pageAs("analyst"), workspace.slug);
  await author.goto(created.id, "Border contacts");
  await author.writeCorrection(CORRECTION);
  await author.review().submit("Waiting for review");

  const reviewer = new BriefingPage(await pageAs("reviewer"), workspace.slug);
  await reviewer.goto(created.id, "Border contacts");
  await reviewer.review().decide("Approve");
  await expect(reviewer.evidenceBanner()).toContainText(/Corrected on \d{1,2} \w+ \d{4}/);

  await reader.goto(created.id, "Border contacts");
  await expect(reader.evidenceBanner()).toContainText(CORRECTION);
  await expect(reader.evidenceBanner()).not.toContainText("Evidence changed since this briefing was approved");

  // Marked handled on the Weakened evidence page, the event's flag is history, not a warning.
  const { items } = await analyst.evidence.affected.query({ workspaceId: workspace.id, limit: 10 });
  await analyst.evidence.handle.mutate({ flagId: items.find((i) => i.kind === "event")!.id });
  await eventPage.goto(event.id, "Envoys meet at the border");
  await expect(eventPage.evidenceFlags()).toHaveAccessibleName("Evidence changes, all handled");
  await expect(eventPage.evidenceFlags()).toContainText("Handled");
  await chronology.goto();
  await expect(chronology.evidenceMarker("Envoys meet at the border")).toHaveCount(0);
});

test("a corrected text of a quoted source is reviewed with its changed passage shown, and once approved flags the event", async ({
  workspace,
  api,
  pageAs,
}) => {
  const text = "The harbour office said the ferry to the island was cancelled because of high winds on Sunday.";
  const source = await createSource(api, {
    workspaceId: workspace.id,
    kind: "NEWS_REPORT",
    title: "Ferry cancelled",
    publisherName: "Harbour Gazette",
    text,
  });
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Island ferry cancelled",
    date: { start: { year: 2022, month: 1 } },
  });
  await cite(api, { sourceId: source.id, eventId: event.id, quote: "because of high winds" });
  await publishEvent(api, event.id);

  const analystPage = await pageAs("analyst");
  const edit = new EditSourcePage(analystPage, workspace.slug);
  await edit.goto(source.id);
  await edit.fillText(text.replace("because of high winds", "for repairs"));
  await edit.save();
  const reader = new SourceReaderPage(analystPage, workspace.slug);
  await reader.expectLoaded("Ferry cancelled");
  // The reviewer reads the passage that changes, not two copies of the document.
  await expect(reader.proposal().locator("del")).toContainText(["because of high winds"]);
  await expect(reader.proposal().locator("ins")).toContainText(["for repairs"]);

  const { round } = await api("analyst").proposal.submit.mutate({ targetType: "SOURCE", targetId: source.id });
  await api("reviewer").proposal.decide.mutate({
    targetType: "SOURCE",
    targetId: source.id,
    round,
    decision: "APPROVE",
    comment: "",
  });
  await expect
    .poll(async () => (await api("viewer").citation.forEvent.query({ eventId: event.id })).evidenceWarnings.length, {
      timeout: 30_000,
    })
    .toBe(1);
  const eventPage = new EventPage(analystPage, workspace.slug);
  await eventPage.goto(event.id, "Island ferry cancelled");
  await expect(eventPage.evidenceFlags()).toContainText("Source text edited");
  await expect(eventPage.evidenceFlags()).toContainText(
    "Source “Ferry cancelled” had its text edited after it was quoted: 1 quoted passage no longer found in the new text.",
  );
  await expect(analystPage.getByTestId("quote-not-found")).toBeVisible();
});
