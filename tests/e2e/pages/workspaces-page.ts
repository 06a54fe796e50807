import { expect, type Page } from "@playwright/test";
import { Screen } from "./screen";

/** "Your workspaces": where signing in lands. */
export class WorkspacesPage extends Screen {
  constructor(page: Page) {
    super(page);
  }

  async goto() {
    await this.page.goto("/workspaces");
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Your workspaces"));
  }

  async open(name: string) {
    await this.page
      .getByRole("main")
      .getByRole("link", { name: new RegExp(name) })
      .click();
    await expect(this.heading(name)).toBeVisible();
  }
}
