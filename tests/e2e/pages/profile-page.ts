import { Screen } from "./screen";
import type { Page } from "@playwright/test";

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
}
