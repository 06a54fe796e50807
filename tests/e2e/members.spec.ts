import { errorCodeOf, expect, test } from "./fixtures";
import { ChronologyPage } from "./pages/chronology-page";
import { InvitePage } from "./pages/invite-page";
import { MembersPage } from "./pages/members-page";
import { SignInPage } from "./pages/sign-in-page";
import { WorkspaceHomePage } from "./pages/workspace-home-page";
import { WorkspacesPage } from "./pages/workspaces-page";
import { apiClient, signInOverHttp } from "./support/session";
import { BASE_URL } from "./support/env";

test("an invitation for one address is refused to anyone else, and accepted by its addressee", async ({
  workspace,
  page,
  signIn,
  browser,
}) => {
  await signIn(page, "admin");
  const members = new MembersPage(page, workspace.slug);
  await members.goto();
  const email = `farid.${workspace.slug}@e2e.example`;
  const link = await members.inviteFor("Reviewer", email);

  const context = await browser.newContext();
  const invite = new InvitePage(await context.newPage());
  await invite.goto(link);
  await invite.expectInvitedTo(workspace.name);
  await expect(invite.page.getByText(`This invitation is for ${email}.`)).toBeVisible();
  await invite.acceptAsNewUser({
    name: "Someone Else",
    email: `someone.${workspace.slug}@e2e.example`,
    password: "a long enough password",
  });
  await expect(invite.error()).toContainText(`This invitation is for ${email}`);

  await invite.acceptAsNewUser({ name: "Farid Farahani", email, password: "a long enough password" });
  await expect(invite.page).toHaveURL(new RegExp(`/w/${workspace.slug}$`));
  await new WorkspaceHomePage(invite.page, workspace.slug).expectLoaded();
  await expect(new WorkspaceHomePage(invite.page, workspace.slug).roleBadge("Reviewer")).toBeVisible();
  await context.close();

  await members.goto();
  await expect(members.memberRow(email)).toContainText("Farid Farahani");
  await expect(members.invitations().filter({ hasText: "joined as Farid Farahani" })).toBeVisible();
});

test("someone with an account elsewhere signs in and joins with the invitation", async ({
  workspace,
  page,
  signIn,
  browser,
  api,
}) => {
  // A user of another workspace, made through the API: the admin founds one and invites them there.
  const elsewhere = await api("admin").workspace.create.mutate({ name: `Elsewhere ${workspace.slug}` });
  const token = (await api("admin").invitation.create.mutate({ workspaceId: elsewhere.id, role: "ANALYST" })).token;
  const leila = {
    name: "Leila Lotfi",
    email: `leila.${workspace.slug}@e2e.example`,
    password: "leila's long password",
  };
  await api(null).invitation.acceptAsNewUser.mutate({ token, ...leila });

  await signIn(page, "admin");
  const members = new MembersPage(page, workspace.slug);
  await members.goto();
  const link = await members.invite("Analyst");

  const context = await browser.newContext();
  const other = await context.newPage();
  await new SignInPage(other).signIn(leila.email, leila.password);
  const invite = new InvitePage(other);
  await invite.goto(link);
  await invite.expectInvitedTo(workspace.name);
  await invite.joinAs(leila.name);
  await expect(other).toHaveURL(new RegExp(`/w/${workspace.slug}$`));
  const workspaces = new WorkspacesPage(other);
  await workspaces.goto();
  await expect(other.getByRole("main").getByRole("link", { name: new RegExp(workspace.name) })).toBeVisible();
  await expect(other.getByRole("main").getByRole("link", { name: new RegExp(elsewhere.name) })).toBeVisible();
  await context.close();
});

test("a member opening an invitation to their own workspace is told they are in already", async ({
  workspace,
  api,
  page,
  signIn,
  users,
}) => {
  const { token } = await api("admin").invitation.create.mutate({ workspaceId: workspace.id, role: "VIEWER" });
  await signIn(page, "analyst");
  const invite = new InvitePage(page);
  await invite.goto(`/invite/${token}`);
  await invite.expectInvitedTo(workspace.name);
  await invite.joinAs(users.analyst.name);
  await expect(invite.error()).toHaveText("You are already a member of this workspace.");
  // Nothing changed: still an analyst.
  const home = new WorkspaceHomePage(page, workspace.slug);
  await home.goto();
  await expect(home.roleBadge("Analyst")).toBeVisible();
});

test("a revoked invitation no longer works", async ({ workspace, page, signIn, browser }) => {
  await signIn(page, "admin");
  const members = new MembersPage(page, workspace.slug);
  await members.goto();
  const link = await members.invite("Viewer");
  const pending = members.invitations().filter({ hasText: "pending" });
  await expect(pending).toHaveCount(1);
  await pending.getByRole("button", { name: "Revoke" }).click();
  await expect(members.invitations().filter({ hasText: "revoked" })).toHaveCount(1);

  const context = await browser.newContext();
  const invite = new InvitePage(await context.newPage());
  await invite.goto(link);
  await invite.expectUnusable();
  await expect(invite.page.getByText("was withdrawn by an admin")).toBeVisible();
  await context.close();
});

test("an admin makes an analyst a reviewer, who can then decide on submissions", async ({
  workspace,
  page,
  signIn,
  pageAs,
  users,
}) => {
  const analyst = await pageAs("analyst");
  const home = new WorkspaceHomePage(analyst, workspace.slug);
  await home.goto();
  await expect(home.roleBadge("Analyst")).toBeVisible();

  await signIn(page, "admin");
  const members = new MembersPage(page, workspace.slug);
  await members.goto();
  await members.changeRole(users.analyst.name, "Reviewer");

  await home.goto();
  await expect(home.roleBadge("Reviewer")).toBeVisible();
  await home.shell.goTo("Review");
  await expect(analyst.getByRole("heading", { level: 1, name: "Pending review" })).toBeVisible();
});

test("the last admin cannot demote or deactivate themselves", async ({ workspace, page, signIn, users }) => {
  await signIn(page, "admin");
  const members = new MembersPage(page, workspace.slug);
  await members.goto();
  await page.getByLabel(`Role of ${users.admin.name}`).selectOption({ label: "Analyst" });
  await expect(members.notice("A workspace needs at least one active admin.")).toBeVisible();
  await expect(page.getByLabel(`Role of ${users.admin.name}`)).toHaveValue("ADMIN");

  await page.getByRole("button", { name: `Deactivate ${users.admin.name}` }).click();
  await expect(members.notice("A workspace needs at least one active admin.")).toBeVisible();
  await expect(members.memberRow(users.admin.email)).not.toContainText("Deactivated");
});

test("a deactivated member loses the workspace at once, also after signing in again, until reactivated", async ({
  workspace,
  page,
  signIn,
  pageAs,
  users,
}) => {
  const analyst = await pageAs("analyst");
  const chronology = new ChronologyPage(analyst, workspace.slug);
  await chronology.goto();

  await signIn(page, "admin");
  const members = new MembersPage(page, workspace.slug);
  await members.goto();
  await members.deactivate(users.analyst.name);
  await expect(members.memberRow(users.analyst.email)).toContainText("Deactivated");

  // Their open session: the very next request is refused.
  await analyst.reload();
  await expect(analyst.getByText("Workspace not found")).toBeVisible();
  const session = await signInOverHttp(BASE_URL, users.analyst.email, users.analyst.password);
  expect(
    await errorCodeOf(apiClient(BASE_URL, async () => session).workspace.bySlug.query({ slug: workspace.slug })),
  ).toBe("NOT_FOUND");
  // Signing in again does not bring it back.
  await analyst.context().clearCookies();
  await new SignInPage(analyst).signIn(users.analyst.email, users.analyst.password);
  await expect(analyst).toHaveURL(/\/workspaces$/);
  await expect(analyst.getByText("You are not in any workspace yet")).toBeVisible();

  await members.reactivate(users.analyst.name);
  await chronology.goto();
});
