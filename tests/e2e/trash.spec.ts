import { errorCodeOf, expect, test } from "./fixtures";
import { BriefingListPage } from "./pages/briefing-list-page";
import { BriefingPage } from "./pages/briefing-page";
import { ChronologyPage } from "./pages/chronology-page";
import { EventHistoryPage } from "./pages/event-history-page";
import { EventPage } from "./pages/event-page";
import { TrashPage } from "./pages/trash-page";
import { createEvent, createPublishedEvent } from "./support/data";

test("an analyst deletes a draft of theirs; it waits in the trash until an admin restores it, with its history", async ({
  workspace,
  api,
  pageAs,
}) => {
  const draft = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Border crossing at Islam Qala closed",
    date: { start: { year: 2012, month: 4 } },
  });
  const analyst = new EventPage(await pageAs("analyst"), workspace.slug);
  await analyst.goto(draft.id, draft.title);
  await analyst.delete();
  const chronology = new ChronologyPage(analyst.page, workspace.slug);
  await chronology.expectLoaded();
  await expect(chronology.event(new RegExp(draft.title))).toHaveCount(0);
  // The analyst has no trash of their own to look in.
  await expect((await analyst.shell.nav()).getByRole("link", { name: "Trash" })).toHaveCount(0);

  const admin = await pageAs("admin");
  const trash = new TrashPage(admin, workspace.slug);
  await trash.goto();
  await expect(trash.event(draft.title)).toContainText("April 2012");
  await expect(trash.event(draft.title)).toContainText("by Ana Analyst");
  await trash.restoreEvent(draft.title);
  await expect(admin.getByText("No deleted events")).toBeVisible();

  await chronology.goto();
  await expect(chronology.event(new RegExp(draft.title))).toBeVisible();
  const history = new EventHistoryPage(analyst.page, workspace.slug);
  await history.goto(draft.id);
  await expect(history.revision("Moved to the trash")).toHaveCount(1);
  await expect(history.revision("Restored from the trash")).toHaveCount(1);
});

test("a published event a reviewer deletes disappears for viewers until an admin restores it", async ({
  workspace,
  api,
  pageAs,
}) => {
  const event = await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: "Taliban office team visits Tehran",
    date: { start: { year: 2015, month: 5, day: 18 } },
  });
  const reviewer = new EventPage(await pageAs("reviewer"), workspace.slug);
  await reviewer.goto(event.id, event.title);
  await reviewer.delete();

  const viewerPage = await pageAs("viewer");
  const viewer = new EventPage(viewerPage, workspace.slug);
  await viewerPage.goto(`/w/${workspace.slug}/events/${event.id}`);
  await expect(viewerPage.getByText("Event not found")).toBeVisible();

  const trash = new TrashPage(await pageAs("admin"), workspace.slug);
  await trash.goto();
  await trash.restoreEvent(event.title);

  await viewer.goto(event.id, event.title);
  const chronology = new ChronologyPage(viewerPage, workspace.slug);
  await chronology.goto();
  await expect(chronology.event(new RegExp(event.title))).toBeVisible();
});

test("a draft is its author's to delete: another analyst sees no Delete and the server refuses", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const draft = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Envoys meet near Zaranj",
    date: { start: { year: 2010 } },
  });
  await signIn(page, "analyst2");
  const other = new EventPage(page, workspace.slug);
  await other.goto(draft.id, draft.title);
  await expect(other.editLink()).toBeVisible();
  await expect(other.deleteButton()).toHaveCount(0);
  expect(await errorCodeOf(api("analyst2").event.delete.mutate({ eventId: draft.id, version: 1 }))).toBe("FORBIDDEN");
  await other.goto(draft.id, draft.title);
});

test("a reviewer may delete someone's draft, and a viewer has no delete at all", async ({ workspace, api, pageAs }) => {
  const published = await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: "Consulate staff released",
    date: { start: { year: 1998, month: 9 } },
  });
  const viewer = new EventPage(await pageAs("viewer"), workspace.slug);
  await viewer.goto(published.id, published.title);
  await expect(viewer.deleteButton()).toHaveCount(0);
  expect(await errorCodeOf(api("viewer").event.delete.mutate({ eventId: published.id, version: 2 }))).not.toBeNull();

  const draft = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Unconfirmed report of a meeting in Mashhad",
    date: { start: { year: 2007, month: 6 } },
  });
  const reviewer = new EventPage(await pageAs("reviewer"), workspace.slug);
  await reviewer.goto(draft.id, draft.title);
  await reviewer.delete();
  const trash = new TrashPage(await pageAs("admin"), workspace.slug);
  await trash.goto();
  await expect(trash.event(draft.title)).toBeVisible();
});

test("a deleted briefing goes to the trash, out of every list, and an admin brings it back", async ({
  workspace,
  api,
  pageAs,
}) => {
  const title = "Tehran's channel to the movement, autumn review";
  const briefing = await api("analyst").briefing.create.mutate({ workspaceId: workspace.id, title });
  const analyst = new BriefingPage(await pageAs("analyst"), workspace.slug);
  await analyst.goto(briefing.id, title);
  await analyst.delete();
  const list = new BriefingListPage(analyst.page, workspace.slug);
  await list.expectLoaded();
  await expect(list.link(title)).toHaveCount(0);
  await analyst.page.goto(`/w/${workspace.slug}/briefings/${briefing.id}`);
  await expect(analyst.page.getByText("Briefing not found")).toBeVisible();

  const trash = new TrashPage(await pageAs("admin"), workspace.slug);
  await trash.goto();
  await expect(trash.briefing(title)).toContainText(/by Ana Analyst/);
  await trash.restoreBriefing(title);
  await expect(trash.page.getByText("No deleted briefings")).toBeVisible();

  await list.goto();
  await list.link(title).click();
  await analyst.expectLoaded(title);
});

test("only admins open the trash: an analyst who types its address is told so", async ({ workspace, page, signIn }) => {
  await signIn(page, "analyst");
  await page.goto(`/w/${workspace.slug}/trash`);
  await expect(page.getByRole("heading", { level: 1, name: "Trash" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: /admin/i }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Restore" })).toHaveCount(0);
});
