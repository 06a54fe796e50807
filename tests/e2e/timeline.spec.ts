import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { BriefingPage } from "./pages/briefing-page";
import { EventPage } from "./pages/event-page";
import { TimelinePage } from "./pages/timeline-page";
import { createEvent, createPublishedEvent, publishEvent } from "./support/data";
import { pdfPages, plain } from "../helpers/pdf-text";

/**
 * The timeline draws each date as precisely as it was written, a window
 * dragged across it filters the list, and a briefing's PDF prints the same
 * drawing of what it cites, frozen with the approved version.
 */

const DATES = {
  "Border crossing reopened": { start: { year: 2011, month: 3, day: 14 } },
  "Trade talks in June": { start: { year: 2011, month: 6 } },
  "Water-rights year": { start: { year: 2012 } },
  "Summer of convoys": { start: { year: 2011, month: 5, day: 3 }, end: { year: 2011, month: 9, day: 20 } },
  "Envoy first appointed": { start: { year: 2010 }, qualifier: "CIRCA" as const },
  "Consulate closed": { start: { year: 2012, month: 6 }, qualifier: "BEFORE" as const },
};
type Title = keyof typeof DATES;

// Set SCREENSHOT_DIR to keep pictures of the timeline for a visual check.
const shot = async (page: Page, name: string) => {
  if (!process.env.SCREENSHOT_DIR) return;
  await page.getByTestId("timeline").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, `${name}.png`), fullPage: false });
};

test("the timeline draws each precision differently, a dragged window filters the list, and a mark opens its event", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const ids = {} as Record<Title, string>;
  for (const [title, date] of Object.entries(DATES) as [Title, (typeof DATES)[Title]][]) {
    ids[title] = (await createEvent(api, { workspaceId: workspace.id, title, date })).id;
  }
  await signIn(page, "analyst");
  const timeline = new TimelinePage(page, workspace.slug);
  await timeline.goto();

  await shot(page, "timeline-desktop");
  const day = await timeline.geometry(/^Border crossing reopened, 14 March 2011/);
  const month = await timeline.geometry(/^Trade talks in June, June 2011/);
  const year = await timeline.geometry(/^Water-rights year, 2012/);
  const range = await timeline.geometry(/^Summer of convoys/);
  const about = await timeline.geometry(/^Envoy first appointed, c\. 2010/);
  const before = await timeline.geometry(/^Consulate closed, before June 2012/);

  // A day is a point; a month and a year are bars across all of them, the year about twelve months long.
  expect([day.shape, day.circles, day.x2 - day.x1]).toEqual(["point", 1, 0]);
  expect(month.shape).toBe("bar");
  expect(year.shape).toBe("bar");
  expect(month.x2 - month.x1).toBeGreaterThan(2);
  expect((year.x2 - year.x1) / (month.x2 - month.x1)).toBeCloseTo(366 / 30, 0);
  // The range runs from 3 May to 20 September: it starts before June's bar and ends after it.
  expect(range.shape).toBe("range");
  expect(range.x1).toBeLessThan(month.x1);
  expect(range.x2).toBeGreaterThan(month.x2);
  // "About 2010" is 2010 solid, faded out a year either side.
  expect([about.shape, about.fades]).toEqual(["about", 2]);
  expect(about.x1).toBeLessThan(about.core1);
  expect(about.x2).toBeGreaterThan(about.core2);
  expect((about.core2 - about.core1) / (year.x2 - year.x1)).toBeCloseTo(1, 1);
  // "Before June 2012" is capped at 1 June 2012 and open to the left, not a point on 1 January.
  expect(before.shape).toBe("before");
  expect(before.x1).toBeLessThan(before.x2);
  expect(before.x2).toBeGreaterThan(year.x1);
  expect(before.x2).toBeLessThan(year.x1 + (year.x2 - year.x1) / 2);

  // Marks are reachable from the keyboard, named by title, date and rating.
  await timeline.mark(/^Border crossing reopened/).focus();
  await expect(timeline.mark(/^Border crossing reopened/)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveAttribute("aria-label", /, rating /);

  // Drag across 2012: the window goes into the address and the list keeps what can fall in it.
  await timeline.brush(year.x1 + 1, year.x2 - 1);
  await expect(page).toHaveURL(/[?&]from=2012-01-0\d&to=2012-12-\d\d/);
  await expect(timeline.listed(/Water-rights year/)).toBeVisible();
  await expect(timeline.listed(/Consulate closed/)).toBeVisible();
  await expect(timeline.events().getByRole("link")).toHaveCount(2);
  await expect(page.getByTestId("timeline-brush")).toBeVisible();
  await timeline.button("Clear the window").click();
  await expect(timeline.events().getByRole("link")).toHaveCount(6);

  // At a phone's width it still fits, passes the accessibility checks and draws every event.
  await page.setViewportSize({ width: 390, height: 844 });
  await timeline.expectLoaded();
  await expect(timeline.chart().getByRole("link")).toHaveCount(6);
  await expect(timeline.chart()).toHaveAttribute("width", /^[23]\d\d$/);
  expect(await timeline.coveredLabels()).toEqual([]);
  await shot(page, "timeline-390");

  // Zooming in keeps the buttons working and the marks in place.
  await timeline.button("Zoom in").click();
  await expect(timeline.mark(/^Trade talks in June/)).toBeVisible();

  await timeline.mark(/^Border crossing reopened/).click();
  await expect(page).toHaveURL(new RegExp(`/events/${ids["Border crossing reopened"]}$`));
  await new EventPage(page, workspace.slug).expectLoaded("Border crossing reopened");
});

test("a crowded timeline is drawn as density bands that zoom in when pressed, and at a phone's width no title covers a mark", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  // More events than the timeline draws one by one (400): fortnightly patrols over fifteen years, and a
  // week in March 2011 with thirty crossings, each with a long title.
  const fortnight = 14 * 86_400_000;
  const events = [
    ...Array.from({ length: 400 }, (_, i) => {
      const d = new Date(Date.UTC(2000, 0, 3) + i * fortnight);
      return {
        title: `Patrol report ${i + 1}`,
        date: { start: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() } },
      };
    }),
    ...Array.from({ length: 30 }, (_, i) => ({
      title: `Delegation ${i + 1} crossed at the northern gate`,
      date: { start: { year: 2011, month: 3, day: 14 + (i % 7) } },
    })),
  ];
  const analyst = api("analyst");
  for (let i = 0; i < events.length; i += 25) {
    await Promise.all(
      events.slice(i, i + 25).map((e) => analyst.event.create.mutate({ workspaceId: workspace.id, ...e })),
    );
  }
  await signIn(page, "analyst");
  const timeline = new TimelinePage(page, workspace.slug);
  await timeline.goto();
  await expect(timeline.chart()).toHaveAttribute("data-mode", "bands");
  await shot(page, "timeline-bands-desktop");

  // From the keyboard: the week's band is a button named by its count and period; Enter zooms into it.
  const week = await timeline.busiestBand();
  await expect(week).toHaveAccessibleName(/^\d+ events, .+ — zoom in$/);
  await week.focus();
  await page.keyboard.press("Enter");
  await expect(timeline.chart()).toHaveAttribute("data-mode", "events");
  await expect(timeline.mark(/^Delegation 1 crossed at the northern gate, 14 March 2011/)).toBeVisible();
  await expect(timeline.mark(/^Patrol report 1,/)).toHaveCount(0);

  // At a phone's width, back to everything: a press on the band zooms in as well, and in the crowded week
  // some titles are written, none over a mark or another title; the rest are in the marks' names.
  await page.setViewportSize({ width: 390, height: 844 });
  await timeline.button("Fit all events").click();
  await expect(timeline.chart()).toHaveAttribute("data-mode", "bands");
  await expect(timeline.chart()).toHaveAttribute("width", /^[23]\d\d$/);
  await (await timeline.busiestBand()).click();
  await expect(timeline.chart()).toHaveAttribute("data-mode", "events");
  await expect(timeline.mark(/^Delegation 30 crossed/)).toBeVisible();
  await expect(timeline.chart().locator("[data-part=title]").first()).toBeVisible();
  expect(await timeline.coveredLabels()).toEqual([]);
  await shot(page, "timeline-crowded-390");
});

test("a briefing's PDF prints the timeline and the network of what it cites, frozen with the approved version", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const persian = "دیدار هیئت مرزی در زاهدان";
  const officer = await api("analyst").entity.create.mutate({
    workspaceId: workspace.id,
    kind: "PERSON",
    name: "Idris Bello",
  });
  const authority = await api("analyst").entity.create.mutate({
    workspaceId: workspace.id,
    kind: "ORGANIZATION",
    name: "Crossing Authority",
  });
  const a = await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: "Border crossing reopened",
    date: { start: { year: 2011, month: 3, day: 14 } },
    entities: [
      { entityId: officer.id, role: "ACTOR" },
      { entityId: authority.id, role: "ACTOR" },
    ],
  });
  const b = await createEvent(api, {
    workspaceId: workspace.id,
    title: persian,
    date: { start: { year: 2012 } },
    entities: [{ entityId: officer.id, role: "ACTOR" }],
  });
  await publishEvent(api, b.id);
  const analyst = api("analyst");
  const brief = await analyst.briefing.create.mutate({
    workspaceId: workspace.id,
    title: "Crossings",
    marking: "TLP:GREEN",
  });
  const saved = await analyst.briefing.update.mutate({
    id: brief.id,
    version: brief.version,
    body: `The crossing reopened [@event:${a.id}] before the meeting [@event:${b.id}].\n`,
  });

  // The author switches the figure on in the app; the preview is the server's drawing.
  await signIn(page, "analyst");
  const briefing = new BriefingPage(page, workspace.slug);
  await briefing.goto(brief.id, "Crossings");
  const figures = page.getByRole("region", { name: "Figures" });
  await figures.getByRole("checkbox", { name: "Timeline of the cited events in the PDF" }).check();
  await expect(figures.getByRole("checkbox", { name: "Timeline of the cited events in the PDF" })).toBeChecked();
  await expect(figures.getByTestId("figure-preview")).toBeVisible();
  // The network of the people and organisations the cited events name, printed too.
  const network = figures.getByRole("checkbox", { name: /^Network of the people, organisations and places/ });
  await network.check();
  await expect(network).toBeChecked();
  await expect(figures.getByTestId("figure-preview-network")).toBeVisible();
  const networkSvg = await page.request.get(
    (await figures.getByRole("link", { name: "Network (SVG)" }).getAttribute("href"))!,
  );
  expect(await networkSvg.text()).toContain("Idris Bello");
  const svgHref = (await figures.getByRole("link", { name: "Timeline (SVG)" }).getAttribute("href"))!;
  const svg = await page.request.get(svgHref);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  expect(await svg.text()).toContain('data-shape="point"');
  const png = await page.request.get(
    (await figures.getByRole("link", { name: "Timeline (PNG)" }).getAttribute("href"))!,
  );
  expect((await png.body()).subarray(1, 4).toString()).toBe("PNG");

  const current = await analyst.briefing.get.query({ id: brief.id });
  expect(current.version).toBeGreaterThan(saved.version);
  const { round } = await analyst.briefing.submit.mutate({ id: brief.id, version: current.version });
  await api("reviewer").briefing.decide.mutate({ id: brief.id, round, decision: "APPROVE" });
  // Switching the figure off afterwards changes the working copy only; the publication keeps it.
  const after = await analyst.briefing.get.query({ id: brief.id });
  await analyst.briefing.setFigures.mutate({
    id: brief.id,
    version: after.version,
    figures: { timeline: false, network: false },
  });

  await signIn(page, "viewer");
  await briefing.goto(brief.id, "Crossings");
  const file = await briefing.downloadExport("pdf");
  const pages = pdfPages(new Uint8Array(readFileSync((await file.path())!)));
  const withFigure = pages.map(plain).find((p) => p.includes("Figure 1"));
  expect(withFigure, "a page with the figure").toBeDefined();
  // The figure's own labels are text in the PDF: its axis years, its row labels (Persian shaped), its legend.
  expect(withFigure).toContain("Border crossing reopened");
  expect(withFigure).toContain("دیدار");
  expect(withFigure).toMatch(/\b2011\b/);
  expect(withFigure).toContain("probably true");
  expect(withFigure).toContain("Timeline of the 2 events this briefing cites");
  const withNetwork = pages.map(plain).find((p) => p.includes("Figure 2"));
  expect(withNetwork, "a page with the network").toBeDefined();
  expect(withNetwork).toContain("Who appears with whom");
  expect(withNetwork).toContain("Crossing Authority");
});
