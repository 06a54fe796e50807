import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "../support/a11y";

/**
 * The header on every signed-in page: workspace tabs, search, notifications,
 * profile and sign-out. On narrow screens they sit behind the "Menu" button;
 * these methods open it when needed, so specs read the same on every project.
 */
export class AppShell {
  constructor(private readonly page: Page) {}

  menuButton() {
    return this.page.getByRole("banner").getByRole("button", { name: "Menu" });
  }

  /** Opens the collapsed menu on a narrow screen; does nothing where the header shows everything. */
  async openMenu() {
    const button = this.menuButton();
    if (!(await button.isVisible())) return;
    if ((await button.getAttribute("aria-expanded")) === "true") return;
    await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expectAccessible(this.page);
  }

  /** Whether the header is collapsed behind the "Menu" button (a narrow screen). */
  async isCollapsed() {
    return this.menuButton().isVisible();
  }

  async nav() {
    await this.openMenu();
    return this.page.getByRole("navigation", { name: "Workspace" });
  }

  /** A workspace tab's link ("Chronology", "System", …), to check whether the header offers it. */
  async tab(name: string | RegExp) {
    const nav = await this.nav();
    return nav.getByRole("link", { name, exact: typeof name === "string" });
  }

  /** Follows a workspace tab ("Chronology", "Import", …). */
  async goTo(tab: string | RegExp) {
    const nav = await this.nav();
    await nav.getByRole("link", { name: tab }).click();
  }

  async search(query: string) {
    await this.openMenu();
    const box = this.page.getByRole("searchbox", { name: "Search this workspace" });
    await box.fill(query);
    await box.press("Enter");
    await expect(this.page).toHaveURL(/\/search\?q=/);
  }

  /** The bell's disclosure; `open()` shows the list. */
  notifications() {
    const bell = this.page.getByTestId("notifications");
    return {
      root: bell,
      toggle: bell.locator("summary"),
      open: async () => {
        await bell.locator("summary").click();
        await expect(bell.getByText("Notifications", { exact: true })).toBeVisible();
        await expectAccessible(this.page);
      },
      /** The bell's accessible name, which carries the unread count: "Notifications, 2 unread". */
      unread: (n: number) =>
        expect(bell.locator("summary")).toHaveAttribute("aria-label", `Notifications, ${n} unread`),
      item: (text: string | RegExp) => bell.getByRole("listitem").filter({ hasText: text }),
      items: () => bell.getByRole("listitem"),
      markAllRead: () => bell.getByRole("button", { name: "Mark all read" }).click(),
    };
  }

  async signOut() {
    await this.openMenu();
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/sign-in/);
  }
}
