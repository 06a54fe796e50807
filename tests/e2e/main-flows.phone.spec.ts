import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ChronologyPage } from "./pages/chronology-page";
import { EventPage } from "./pages/event-page";
import { ReviewQueuePage } from "./pages/review-queue-page";
import { SignInPage } from "./pages/sign-in-page";
import { WorkspaceHomePage } from "./pages/workspace-home-page";
import { WorkspacesPage } from "./pages/workspaces-page";
import { createChronology } from "./support/data";
import { expectNoHorizontalOverflow } from "./support/layout";

/**
 * The main flows on a phone (this project's 390×844 viewport) and on a
 * tablet (768×1024). Every page object checks for sideways overflow and runs
 * axe when a screen has loaded; here we check what is specific to small
 * screens: the header folds into a menu, and the chronology reflows.
 */

// Set SCREENSHOT_DIR to keep pictures of the screens for a visual check.
const shot = async (page: Page, name: string) => {
  if (process.env.SCREENSHOT_DIR)
    await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, `${name}.png`), fullPage: false });
};

/** On a phone the date sits on its own line above the title; from a tablet up, in a column beside it. */
async function expectDate(chronology: ChronologyPage, title: string, dateText: string, where: "above" | "beside") {
  const row = chronology.event(new RegExp(title));
  const date = (await row.getByText(dateText, { exact: true }).boundingBox())!;
  const heading = (await row.getByText(title, { exact: true }).boundingBox())!;
  if (where === "above") expect(date.y + date.height).toBeLessThanOrEqual(heading.y + 1);
  else expect(date.x + date.width).toBeLessThanOrEqual(heading.x);
}

for (const device of [
  { name: "phone", viewport: null, date: "above" },
  { name: "tablet", viewport: { width: 768, height: 1024 }, date: "beside" },
]) {
  test.describe(`on a ${device.name}`, () => {
    if (device.viewport) test.use({ viewport: device.viewport });

    test("an analyst signs in, reads the chronology, opens an event and votes on it", async ({
      page,
      workspace,
      users,
      api,
    }) => {
      await createChronology(api, workspace.id);

      const signIn = new SignInPage(page);
      await signIn.signIn(users.analyst.email, users.analyst.password);
      const workspaces = new WorkspacesPage(page);
      await workspaces.expectLoaded();
      await workspaces.open(workspace.name);
      const home = new WorkspaceHomePage(page, workspace.slug);
      await home.expectLoaded(workspace.name);

      // The header keeps the bell and a menu in view; tabs, search and the account are in the menu.
      expect(await home.shell.isCollapsed()).toBe(true);
      await expect(page.getByTestId("notifications")).toBeInViewport();
      await expect(page.getByRole("navigation", { name: "Workspace" })).toBeHidden();
      await home.shell.openMenu();
      await expect(page.getByRole("searchbox", { name: "Search this workspace" })).toBeInViewport();
      await expect(page.getByRole("link", { name: users.analyst.name })).toBeInViewport();
      await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
      await expectNoHorizontalOverflow(page);
      await page.keyboard.press("Escape");
      await expect(home.shell.menuButton()).toHaveAttribute("aria-expanded", "false");
      await expect(home.shell.menuButton()).toBeFocused();

      await home.shell.goTo("Chronology");
      const chronology = new ChronologyPage(page, workspace.slug);
      await chronology.expectLoaded();
      // Following a tab closes the menu.
      await expect(page.getByRole("navigation", { name: "Workspace" })).toBeHidden();
      await expect(chronology.events().getByRole("link")).toHaveCount(8);
      await expectDate(
        chronology,
        "Three-way meeting reported in Mashhad",
        "June 2007",
        device.date as "above" | "beside",
      );
      await shot(page, `chronology-${device.name}`);
      // The filters fold away on a phone, so the events come first; they open on demand.
      if (device.name === "phone") await expect(chronology.filters()).toBeHidden();
      await chronology.filterByWords("Mashhad");
      await expect(chronology.events().getByRole("link")).toHaveCount(1);

      await chronology.event(/Three-way meeting reported in Mashhad/).click();
      const event = new EventPage(page, workspace.slug);
      await event.expectLoaded("Three-way meeting reported in Mashhad");
      await expect(event.quote("June meeting in Mashhad")).toBeVisible();
      const credibility = event.credibility();
      await credibility.root.scrollIntoViewIfNeeded();
      await credibility.vote("2 — Probably true");
      await credibility.expectVoteBy(users.analyst.name);
      await expectNoHorizontalOverflow(page);
      await shot(page, `event-${device.name}`);
    });

    test("a reviewer approves a submission from the review queue", async ({ page, workspace, api, signIn, users }) => {
      await createChronology(api, workspace.id);
      await signIn(page, "reviewer");
      const home = new WorkspaceHomePage(page, workspace.slug);
      await home.goto();
      await home.shell.goTo(/^Review/);

      const queue = new ReviewQueuePage(page, workspace.slug);
      await queue.expectLoaded();
      const item = queue.item("Taliban deny opening an office in Iran");
      await expect(item).toContainText(users.analyst.name);
      await shot(page, `review-${device.name}`);
      await queue.approve("Taliban deny opening an office in Iran");
      await expect(page.getByText("Nothing waits for review")).toBeVisible();
      await queue.expectLoaded();

      // The notification bell's list fits the screen too.
      const bell = queue.shell.notifications();
      await bell.open();
      await expect(bell.root.getByText("Notifications", { exact: true })).toBeInViewport();
      await expectNoHorizontalOverflow(page);
    });
  });
}
