import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { AuditPage } from "./pages/audit-page";
import { ChronologyPage } from "./pages/chronology-page";
import { EventFormPage } from "./pages/event-form-page";
import { InvitePage } from "./pages/invite-page";
import { MembersPage } from "./pages/members-page";
import { ProfilePage } from "./pages/profile-page";
import { SignInPage } from "./pages/sign-in-page";
import { WorkspaceHomePage } from "./pages/workspace-home-page";

/** Sends a tRPC mutation the way a hand-crafted client would, with the page's cookies. */
async function callMutation(page: Page, path: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers });
  return { status: res.status(), body: await res.json() };
}

test("admin invites a member, who joins, then loses analyst rights when made a viewer", async ({
  workspace,
  pageAs,
  browser,
}) => {
  test.slow(); // a long story: three times the default timeout
  const admin = await pageAs("admin");
  const members = new MembersPage(admin, workspace.slug);
  await members.goto();
  const link = await members.invite("Analyst");
  const nadia = {
    name: "Nadia Newcomer",
    email: `nadia.${workspace.slug}@e2e.example`,
    password: "a long enough password",
  };

  // The invitee opens the link in a separate browser and creates an account.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  const invite = new InvitePage(invitee);
  await invite.goto(link);
  await invite.expectInvitedTo(workspace.name);
  await invite.acceptAsNewUser(nadia);
  await expect(invitee).toHaveURL(new RegExp(`/w/${workspace.slug}$`));

  // As an analyst she can create a draft event.
  const form = new EventFormPage(invitee, workspace.slug);
  await form.gotoNew();
  await form.createDraft({
    title: "Analyst draft from the E2E run",
    summary: "Written while holding the analyst role.",
    year: 2016,
  });

  // The link is single-use.
  const reuse = await browser.newContext();
  const again = new InvitePage(await reuse.newPage());
  await again.goto(link);
  await again.expectUnusable();
  await reuse.close();

  // The admin sees her and makes her a viewer.
  await members.goto();
  await expect(members.memberRow(nadia.email)).toContainText(nadia.name);
  await members.changeRole(nadia.name, "Viewer");

  // On her next page load the analyst actions are gone and drafts are hidden…
  const home = new WorkspaceHomePage(invitee, workspace.slug);
  await home.goto();
  await expect(home.roleBadge("Viewer")).toBeVisible();
  await expect(home.newEventLink()).toHaveCount(0);
  const chronology = new ChronologyPage(invitee, workspace.slug);
  await chronology.goto();
  await expect(chronology.newEventLink()).toHaveCount(0);
  await expect(invitee.getByText("Analyst draft from the E2E run")).toHaveCount(0);

  // …and the API refuses the action even when called directly.
  const refused = await callMutation(invitee, "event.create", {
    workspaceId: workspace.id,
    title: "Should not exist",
    summary: "",
    date: { start: { year: 2016 } },
  });
  expect(refused.status).toBe(403);
  expect(refused.body.error.json.data.code).toBe("FORBIDDEN");

  // The audit log records the invitation, the join and the role change.
  const audit = new AuditPage(admin, workspace.slug);
  await audit.goto();
  await expect(audit.action("Changed role")).toBeVisible();
  await expect(audit.action("Accepted invitation")).toBeVisible();
  await expect(audit.action("Created invitation")).toBeVisible();

  await inviteeContext.close();
});

test("sign-in errors are human, sign-out ends the session, and cross-site posts are refused", async ({
  users,
  page,
  browser,
}) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.submit(users.analyst.email, "wrong password");
  await expect(signIn.error()).toHaveText("Email or password is incorrect.");
  await signIn.expectLoaded();

  await signIn.signIn(users.analyst.email, users.analyst.password);
  const crossSite = await callMutation(
    page,
    "me.updateProfile",
    { name: "Hijacked" },
    { origin: "https://evil.example" },
  );
  expect(crossSite.status).toBe(403);
  const profile = new ProfilePage(page);
  await profile.goto();
  await expect(profile.displayName()).toHaveValue(users.analyst.name);

  // Keep the cookie from before sign-out: it must stop working too.
  const cookies = await page.context().cookies();
  await profile.shell.signOut();
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const res = await replay.request.get(`/api/trpc/me.get`);
  expect(res.status()).toBe(401);
  await replay.close();
});
