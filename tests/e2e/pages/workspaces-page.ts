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

  /** "Start a workspace": the form beside the list. */
  startForm() {
    return this.page
      .getByRole("main")
      .locator("form")
      .filter({ has: this.page.getByRole("button", { name: "Create workspace" }) });
  }

  async create(name: string, description = "") {
    const form = this.startForm();
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("What is it about? (optional)").fill(description);
    await form.getByRole("button", { name: "Create workspace" }).click();
  }

  /** A workspace in the list, by its name. */
  workspace(name: string | RegExp) {
    return this.page.getByRole("main").getByRole("link", { name });
  }
}
