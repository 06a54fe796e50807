import { Screen } from "./screen";
import { expect, type Page } from "@playwright/test";

/** Your profile: display name and password. */
export class ProfilePage extends Screen {
  constructor(page: Page) {
    super(page);
  }

  async goto() {
    await this.page.goto("/profile");
    await this.settled(this.heading("Your profile"));
  }

  displayName() {
    return this.page.getByLabel("Display name");
  }

  async rename(name: string) {
    // The field is filled once the profile has loaded; typing earlier would be overwritten.
    await expect(this.displayName()).not.toHaveValue("");
    await this.displayName().fill(name);
    await this.page.getByRole("button", { name: "Save", exact: true }).click();
  }

  async changePassword(current: string, next: string, repeat = next) {
    await this.page.getByLabel("Current password").fill(current);
    await this.page.getByLabel("New password", { exact: true }).fill(next);
    await this.page.getByLabel("Repeat new password").fill(repeat);
    await this.page.getByRole("button", { name: "Change password" }).click();
  }

  /** A field's message under it ("Current password", "New password", "Repeat new password"). */
  fieldError(label: string) {
    return this.page.getByLabel(label, { exact: true }).locator("xpath=..").getByRole("alert");
  }

  notice(text: string | RegExp) {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  async expectSaved(text: string | RegExp) {
    await expect(this.notice(text)).toBeVisible();
  }
}
