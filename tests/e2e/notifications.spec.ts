import { expect, test, type Api, type RoleKey } from "./fixtures";
import { EventPage } from "./pages/event-page";
import { MembersPage } from "./pages/members-page";
import { WorkspaceHomePage } from "./pages/workspace-home-page";
import { createEvent } from "./support/data";

type ApiFor = (role: RoleKey) => Api;

/** The analyst writes and submits an event; the reviewer decides on it. */
async function decided(
  api: ApiFor,
  workspaceId: string,
  title: string,
  decision: "APPROVE" | "REQUEST_CHANGES",
  comment?: string,
) {
  const event = await createEvent(api, { workspaceId, title, date: { start: { year: 2010, month: 5 } } });
  const { round } = await api("analyst").review.submit.mutate({ eventId: event.id });
  await api("reviewer").review.decide.mutate({ eventId: event.id, round, decision, comment });
  return event;
}

test("a reviewer's request reaches the author: the bell counts it and its link opens the event", async ({
  workspace,
  api,
  page,
  signIn,
  users,
}) => {
  const event = await decided(api, workspace.id, "Convoy stopped near Zaranj", "REQUEST_CHANGES", "Which day?");
  await signIn(page, "analyst");
  const home = new WorkspaceHomePage(page, workspace.slug);
  await home.goto();
  const bell = home.shell.notifications();
  await bell.unread(1);
  await bell.open();
  const item = bell.item(`${users.reviewer.name} asked for changes to “Convoy stopped near Zaranj”.`);
  await expect(item).toContainText("“Which day?”");

  await item.getByRole("link").click();
  await new EventPage(page, workspace.slug).expectLoaded("Convoy stopped near Zaranj");
  expect(new URL(page.url()).pathname).toBe(`/w/${workspace.slug}/events/${event.id}`);
  await bell.unread(0);
});

test("'Mark all read' clears the count and keeps the list", async ({ workspace, api, page, signIn }) => {
  await decided(api, workspace.id, "Convoy stopped near Zaranj", "APPROVE");
  await decided(api, workspace.id, "Fuel trucks cross at Milak", "APPROVE");
  await signIn(page, "analyst");
  const home = new WorkspaceHomePage(page, workspace.slug);
  await home.goto();
  const bell = home.shell.notifications();
  await bell.unread(2);
  await bell.open();
  await expect(bell.item("It is now published.")).toHaveCount(2);

  await bell.markAllRead();
  await bell.unread(0);
  await expect(bell.items()).toHaveCount(2);
  await expect(bell.root.getByRole("button", { name: "Mark all read" })).toHaveCount(0);
  await page.reload();
  await bell.unread(0);
});

test("opening one notification marks only that one read", async ({ workspace, api, page, signIn }) => {
  await decided(api, workspace.id, "Convoy stopped near Zaranj", "APPROVE");
  await decided(api, workspace.id, "Fuel trucks cross at Milak", "APPROVE");
  await signIn(page, "analyst");
  const home = new WorkspaceHomePage(page, workspace.slug);
  await home.goto();
  const bell = home.shell.notifications();
  await bell.open();
  await bell.item("Fuel trucks cross at Milak").getByRole("link").click();
  await new EventPage(page, workspace.slug).expectLoaded("Fuel trucks cross at Milak");
  await bell.unread(1);
});

test("someone with no news sees an empty bell", async ({ workspace, page, signIn }) => {
  await signIn(page, "viewer");
  const home = new WorkspaceHomePage(page, workspace.slug);
  await home.goto();
  const bell = home.shell.notifications();
  await bell.unread(0);
  await bell.open();
  await expect(bell.root.getByText("Nothing yet.")).toBeVisible();
});

test("notifications from a workspace the member was removed from are no longer shown", async ({
  workspace,
  api,
  page,
  signIn,
  pageAs,
  users,
}) => {
  await decided(api, workspace.id, "Convoy stopped near Zaranj", "REQUEST_CHANGES", "Unpublished detail here.");
  const analyst = await pageAs("analyst");
  const home = new WorkspaceHomePage(analyst, workspace.slug);
  await home.goto();
  await home.shell.notifications().unread(1);

  await signIn(page, "admin");
  const members = new MembersPage(page, workspace.slug);
  await members.goto();
  await members.deactivate(users.analyst.name);

  await analyst.goto("/workspaces");
  const bell = home.shell.notifications();
  await bell.unread(0);
  await bell.open();
  await expect(bell.root.getByText("Unpublished detail here.")).toHaveCount(0);
});
