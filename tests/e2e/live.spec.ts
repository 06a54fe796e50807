import { expect, test } from "./fixtures";
import { EventFormPage } from "./pages/event-form-page";
import { EventPage } from "./pages/event-page";
import { ReviewQueuePage } from "./pages/review-queue-page";
import { createEvent } from "./support/data";

/**
 * Two colleagues with the same workspace open, each in a browser of their own:
 * what one does reaches the other's screen without a reload (the live stream),
 * they see each other on the event they both have open, and a member whose
 * role is lowered stops seeing drafts at once, on the screen already open.
 */
test("a submission reaches the reviewer's open queue, presence shows who is editing, a demotion ends the live view", async ({
  workspace,
  pageAs,
  api,
  users,
}) => {
  const submitted = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Fuel convoy halted at the crossing",
    date: { start: { year: 2021, month: 3 } },
  });
  const edited = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Border market reopens",
    date: { start: { year: 2021, month: 4 } },
  });
  const reviewerPage = await pageAs("reviewer");
  const analystPage = await pageAs("analyst");

  // The reviewer has the queue open; the analyst submits from the event's page.
  const queue = new ReviewQueuePage(reviewerPage, workspace.slug);
  await queue.goto();
  await expect(queue.item(submitted.title)).toHaveCount(0);
  await reviewerPage.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const analystEvent = new EventPage(analystPage, workspace.slug);
  await analystEvent.goto(submitted.id, submitted.title);
  await analystEvent.review().submit();
  await expect(queue.item(submitted.title)).toBeVisible();
  expect(await reviewerPage.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // The analyst opens the edit form; the reviewer, opening the event, sees that before starting an edit.
  const form = new EventFormPage(analystPage, workspace.slug);
  await form.gotoEdit(edited.id);
  const reviewerEvent = new EventPage(reviewerPage, workspace.slug);
  await reviewerEvent.goto(edited.id, edited.title);
  await expect(reviewerEvent.presence()).toHaveText(`${users.analyst.name} is editing this event.`);
  // And the analyst's form tells her who is reading.
  await expect(form.presence()).toHaveText(`${users.reviewer.name} is viewing this event.`);
  // She leaves the form for the event's page: no longer editing.
  await analystEvent.goto(edited.id, edited.title);
  await expect(reviewerEvent.presence()).toHaveText(`${users.analyst.name} is viewing this event.`);

  // The admin makes the analyst a viewer: the draft on her screen goes, without a reload.
  await analystPage.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const admin = api("admin");
  const member = (await admin.member.list.query({ workspaceId: workspace.id })).find(
    (m) => m.email === users.analyst.email,
  )!;
  await admin.member.changeRole.mutate({ membershipId: member.membershipId, role: "VIEWER", version: member.version });
  await expect(analystEvent.notFound()).toBeVisible();
  expect(await analystPage.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  // And she is gone from the reviewer's screen with her access.
  await expect(reviewerEvent.presence()).toHaveText("");
});
