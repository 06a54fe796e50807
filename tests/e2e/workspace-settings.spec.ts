import { errorCodeOf, expect, test } from "./fixtures";
import { BriefingEditorPage } from "./pages/briefing-editor-page";
import { BriefingListPage } from "./pages/briefing-list-page";
import { EventPage } from "./pages/event-page";
import { MembersPage } from "./pages/members-page";
import { WorkspaceHomePage } from "./pages/workspace-home-page";
import { WorkspacesPage } from "./pages/workspaces-page";
import { createEvent, createPublishedEvent } from "./support/data";

test("an analyst starts a workspace of their own and becomes its admin", async ({ workspace, page, signIn }) => {
  await signIn(page, "analyst");
  const workspaces = new WorkspacesPage(page);
  await workspaces.goto();
  const name = `Sahel desk ${workspace.slug}`;
  await workspaces.create(name, "Armed groups across the Sahel, from 2012.");

  const home = new WorkspaceHomePage(page, "");
  await home.expectLoaded(name);
  await expect(home.roleBadge("Admin")).toBeVisible();
  await workspaces.goto();
  await expect(workspaces.workspace(new RegExp(name))).toContainText("Armed groups across the Sahel");
  await expect(workspaces.workspace(new RegExp(workspace.name))).toContainText("Analyst");
});

test("a workspace needs a name of two characters or more", async ({ page, signIn }) => {
  await signIn(page, "analyst");
  const workspaces = new WorkspacesPage(page);
  await workspaces.goto();
  await workspaces.create("A");
  await expect(workspaces.startForm().getByRole("alert")).toHaveText("Use at least 2 characters");
  await expect(page).toHaveURL(/\/workspaces$/);
});

test("an admin renames the workspace and describes it; members see the new name", async ({
  workspace,
  page,
  signIn,
  pageAs,
}) => {
  await signIn(page, "admin");
  const members = new MembersPage(page, workspace.slug);
  await members.goto();
  const name = `Kabul desk ${workspace.slug}`;
  await members.saveDetails({ name, description: "Taliban contacts with neighbouring states." });
  await expect(members.notice("Workspace details saved.")).toBeVisible();

  const viewer = new WorkspacesPage(await pageAs("viewer"));
  await viewer.goto();
  await expect(viewer.workspace(new RegExp(name))).toContainText("Taliban contacts with neighbouring states.");
  await viewer.open(name);

  // The name may not be emptied.
  await members.saveDetails({ name: " " });
  await expect(page.getByRole("form", { name: "Workspace details" }).getByRole("alert")).toHaveText(
    "Use at least 2 characters",
  );
});

test("with two approvals required, one reviewer's approval leaves the event waiting for a second", async ({
  workspace,
  page,
  signIn,
  api,
}) => {
  await signIn(page, "admin");
  const members = new MembersPage(page, workspace.slug);
  await members.goto();
  await members.requireApprovals(2);

  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Envoys meet in Zahedan",
    date: { start: { year: 2008, month: 11 } },
  });
  const { round } = await api("analyst").review.submit.mutate({ eventId: event.id });
  await api("reviewer").review.decide.mutate({ eventId: event.id, round, decision: "APPROVE" });

  const page2 = new EventPage(page, workspace.slug);
  await page2.goto(event.id, "Envoys meet in Zahedan");
  await expect(page2.review().status("Waiting for two approvals")).toBeVisible();
  await page2.review().decide("Approve");
  await expect(page2.review().status(/^Published/)).toBeVisible();

  // Back to one approval: the next event is published by a single reviewer.
  await members.goto();
  await members.requireApprovals(1);
  const next = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Envoys meet again",
    date: { start: { year: 2008, month: 12 } },
  });
  const second = await api("analyst").review.submit.mutate({ eventId: next.id });
  await api("reviewer").review.decide.mutate({ eventId: next.id, round: second.round, decision: "APPROVE" });
  await page2.goto(next.id, "Envoys meet again");
  await expect(page2.review().status(/^Published/)).toBeVisible();
});

test("new briefings start with the workspace's default marking", async ({ workspace, page, signIn, pageAs }) => {
  await signIn(page, "admin");
  const members = new MembersPage(page, workspace.slug);
  await members.goto();
  await members.setDefaultMarking("TLP:AMBER");

  const list = new BriefingListPage(await pageAs("analyst"), workspace.slug);
  await list.goto();
  await list.create("Weekly note on the western border");
  const editor = new BriefingEditorPage(list.page, workspace.slug);
  await editor.expectLoaded();
  await expect(editor.markingField()).toHaveValue("TLP:AMBER");
});

test("only admins see the settings, and the API refuses the others", async ({ workspace, page, signIn, api }) => {
  await signIn(page, "reviewer");
  const members = new MembersPage(page, workspace.slug);
  await members.goto();
  await expect(page.getByRole("form", { name: "Workspace details" })).toHaveCount(0);
  await expect(page.getByLabel("Two approvals")).toHaveCount(0);
  await expect(page.getByLabel("Default marking")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create link" })).toHaveCount(0);

  expect(
    await errorCodeOf(api("reviewer").workspace.update.mutate({ workspaceId: workspace.id, name: "Taken over" })),
  ).toBe("FORBIDDEN");
  expect(
    await errorCodeOf(
      api("reviewer").review.updateSettings.mutate({ workspaceId: workspace.id, requiredApprovals: 2 }),
    ),
  ).toBe("FORBIDDEN");
});

test("the overview counts the workspace's events by state, and a viewer sees only the published ones", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: "Crossing reopened",
    date: { start: { year: 2014 } },
  });
  await createEvent(api, { workspaceId: workspace.id, title: "Talks resumed", date: { start: { year: 2015 } } });

  await signIn(page, "analyst");
  const home = new WorkspaceHomePage(page, workspace.slug);
  await home.goto();
  await expect(home.stat("Published events")).toContainText("1");
  await expect(home.stat("Drafts")).toContainText("1");
  await expect(home.stat("Members")).toContainText("5");

  await signIn(page, "viewer");
  await home.goto();
  await expect(home.stat("Published events")).toContainText("1");
  await expect(home.stat("Drafts")).toHaveCount(0);
});
