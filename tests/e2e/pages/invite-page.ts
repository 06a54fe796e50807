import { expect, type Page } from "@playwright/test";
import { Screen } from "./screen";

/** An invitation link, opened by someone who may not have an account yet. */
export class InvitePage extends Screen {
  constructor(page: Page) {
    super(page);
  }

  async goto(link: string) {
    await this.page.goto(link);
  }

  async expectInvitedTo(workspaceName: string) {
    await this.settled(this.page.getByRole("heading", { name: `Join ${workspaceName}` }));
  }

  async acceptAsNewUser(u: { name: string; email: string; password: string }) {
    await this.page.getByLabel("Your name").fill(u.name);
    await this.page.getByLabel("Email").fill(u.email);
    await this.page.getByLabel("Password").fill(u.password);
    await this.page.getByRole("button", { name: "Create account and join" }).click();
  }

  async expectUnusable() {
    await expect(this.page.getByText("This invitation can no longer be used")).toBeVisible();
    await this.settled();
  }

  /** Signed in already: joins with the account in use. */
  async joinAs(name: string) {
    await this.page.getByRole("button", { name: `Join as ${name}` }).click();
  }

  /** The refusal shown on the page (Next's empty route announcer is an alert too). */
  error() {
    return this.page.locator('[role="alert"]:not(#__next-route-announcer__)');
  }
}
