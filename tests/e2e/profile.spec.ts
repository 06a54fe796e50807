import { expect, test } from "./fixtures";
import { MembersPage } from "./pages/members-page";
import { ProfilePage } from "./pages/profile-page";
import { SignInPage } from "./pages/sign-in-page";

const NEW_PASSWORD = "a brand new passphrase";

test("a member renames themselves; colleagues and the header see the new name", async ({
  workspace,
  page,
  signIn,
  pageAs,
  users,
}) => {
  await signIn(page, "analyst");
  const profile = new ProfilePage(page);
  await profile.goto();
  await profile.rename("Ana Analyst-Rahimi");
  await profile.expectSaved("Name saved.");

  await page.reload();
  await expect(profile.displayName()).toHaveValue("Ana Analyst-Rahimi");
  await expect(page.getByRole("banner").getByRole("link", { name: /Ana Analyst-Rahimi/ })).toBeVisible();
  const members = new MembersPage(await pageAs("admin"), workspace.slug);
  await members.goto();
  await expect(members.memberRow(users.analyst.email)).toContainText("Ana Analyst-Rahimi");
});

test("a name typed before the profile has loaded is kept when the profile arrives", async ({ page, signIn, users }) => {
  await signIn(page, "analyst");
  // Hold the profile back, as a slow connection would, while the user starts typing.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/api\/trpc\/[^?]*\bme\.get\b/, async (route) => {
    await held;
    await route.continue();
  });
  const profile = new ProfilePage(page);
  await profile.goto();
  await profile.displayName().fill("Ana Typed-Early");
  const arrived = page.waitForResponse(/\/api\/trpc\/[^?]*\bme\.get\b/);
  release();
  await arrived;
  await expect(page.getByRole("main").getByText(users.analyst.email)).toBeVisible();
  await expect(profile.displayName()).toHaveValue("Ana Typed-Early");
});

test("an empty name is refused and the old one kept", async ({ page, signIn, users }) => {
  await signIn(page, "analyst");
  const profile = new ProfilePage(page);
  await profile.goto();
  await profile.rename("   ");
  await expect(profile.fieldError("Display name")).toHaveText("Enter a name");
  await page.reload();
  await expect(profile.displayName()).toHaveValue(users.analyst.name);
});

test("after changing the password the user signs in with the new one, and the old one is refused", async ({
  page,
  signIn,
  users,
}) => {
  await signIn(page, "analyst");
  const profile = new ProfilePage(page);
  await profile.goto();
  await profile.changePassword(users.analyst.password, NEW_PASSWORD);
  await profile.expectSaved("Password changed.");
  // The form is emptied, so the new password is not left on screen.
  await expect(page.getByLabel("New password", { exact: true })).toHaveValue("");

  await profile.shell.signOut();
  const signInPage = new SignInPage(page);
  await signInPage.goto();
  await signInPage.submit(users.analyst.email, users.analyst.password);
  await expect(signInPage.error()).toHaveText("Email or password is incorrect.");
  await signInPage.signIn(users.analyst.email, NEW_PASSWORD);
  await profile.goto();
  await expect(profile.displayName()).toHaveValue(users.analyst.name);
});

test("changing the password ends the user's other sessions", async ({ page, signIn, browser, users }) => {
  // A second device, signed in through the form: a session of its own.
  const laptop = await browser.newContext();
  const other = await laptop.newPage();
  await new SignInPage(other).signIn(users.analyst.email, users.analyst.password);

  await signIn(page, "analyst");
  const profile = new ProfilePage(page);
  await profile.goto();
  await profile.changePassword(users.analyst.password, NEW_PASSWORD);
  await profile.expectSaved(/other session\(s\) were signed out/);

  await other.goto("/profile");
  await expect(other).toHaveURL(/\/sign-in/);
  // This device stays signed in.
  await profile.goto();
  await laptop.close();
});

test("a wrong current password, a short one or a mistyped repeat are refused, and the old password still works", async ({
  page,
  signIn,
  browser,
  users,
}) => {
  await signIn(page, "analyst");
  const profile = new ProfilePage(page);
  await profile.goto();

  await profile.changePassword(users.analyst.password, "short");
  await expect(profile.fieldError("New password")).toHaveText("Use at least 10 characters");
  await profile.changePassword(users.analyst.password, NEW_PASSWORD, `${NEW_PASSWORD}!`);
  await expect(profile.fieldError("Repeat new password")).toHaveText("The passwords do not match");
  await profile.changePassword("not my password at all", NEW_PASSWORD);
  await expect(profile.fieldError("Current password")).toHaveText("The current password is incorrect.");

  const fresh = await browser.newContext();
  await new SignInPage(await fresh.newPage()).signIn(users.analyst.email, users.analyst.password);
  await fresh.close();
});
