import { expect, type Page, test } from "@playwright/test";
import { MembersPage } from "./pages/members-page";
import { SignInPage } from "./pages/sign-in-page";
import { DEMO_SLUG, WorkspacePage } from "./pages/workspace-page";

/** Sends a tRPC mutation the way a hand-crafted client would, with the page's cookies. */
async function callMutation(page: Page, path: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers });
  return { status: res.status(), body: await res.json() };
}

test("admin invites a member, who joins, then loses analyst rights when made a viewer", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await new SignInPage(admin).signIn("admin@dossier.local");
  const members = new MembersPage(admin);
  await members.open();
  const link = await members.invite("Analyst");

  // The invitee opens the link in a separate browser and creates an account.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: /Join Iran, the Taliban and al-Qaeda/ })).toBeVisible();
  await invitee.getByLabel("Your name").fill("Nadia Newcomer");
  await invitee.getByLabel("Email").fill("nadia@example.org");
  await invitee.getByLabel("Password").fill("a long enough password");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/w/${DEMO_SLUG}$`));

  // As an analyst she can create a draft event.
  const ws = new WorkspacePage(invitee);
  await ws.createEvent("Analyst draft from the E2E run", "Written while holding the analyst role.");

  // The link is single-use.
  const reuse = await browser.newContext();
  const reusePage = await reuse.newPage();
  await reusePage.goto(link);
  await expect(reusePage.getByText("This invitation can no longer be used")).toBeVisible();
  await reuse.close();

  // The admin sees her and makes her a viewer.
  await members.open();
  await expect(members.memberRow("nadia@example.org")).toContainText("Nadia Newcomer");
  await members.changeRole("Nadia Newcomer", "Viewer");

  // On her next page load the analyst actions are gone and drafts are hidden…
  await ws.open();
  await expect(invitee.getByRole("main").getByText("Viewer", { exact: true })).toBeVisible();
  await expect(ws.newEventLink()).toHaveCount(0);
  await ws.openChronology();
  await expect(ws.newEventLink()).toHaveCount(0);
  await expect(invitee.getByText("Analyst draft from the E2E run")).toHaveCount(0);

  // …and the API refuses the action even when called directly.
  const workspaceId = await invitee.evaluate(async (slug) => {
    const r = await fetch(`/api/trpc/workspace.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug } }))}`);
    return (await r.json()).result.data.json.id as string;
  }, DEMO_SLUG);
  const refused = await callMutation(invitee, "event.create", {
    workspaceId,
    title: "Should not exist",
    summary: "",
    date: { start: { year: 2016 } },
  });
  expect(refused.status).toBe(403);
  expect(refused.body.error.json.data.code).toBe("FORBIDDEN");

  // The audit log records the invitation, the join and the role change.
  await admin.goto(`/w/${DEMO_SLUG}/audit`);
  await expect(admin.getByRole("cell", { name: "Changed role" }).first()).toBeVisible();
  await expect(admin.getByRole("cell", { name: "Accepted invitation" }).first()).toBeVisible();
  await expect(admin.getByRole("cell", { name: "Created invitation" }).first()).toBeVisible();

  await adminContext.close();
  await inviteeContext.close();
});

test("sign-in errors are human, sign-out ends the session, and cross-site posts are refused", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("analyst@dossier.local");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect.");

  await new SignInPage(page).signIn("analyst@dossier.local");
  const crossSite = await callMutation(
    page,
    "me.updateProfile",
    { name: "Hijacked" },
    { origin: "https://evil.example" },
  );
  expect(crossSite.status).toBe(403);
  await page.goto("/profile");
  await expect(page.getByLabel("Display name")).toHaveValue("Ana Analyst");

  // Keep the cookie from before sign-out: it must stop working too.
  const cookies = await context.cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const replayPage = await replay.newPage();
  const res = await replayPage.request.get(`/api/trpc/me.get`);
  expect(res.status()).toBe(401);
  await replay.close();
  await context.close();
});
