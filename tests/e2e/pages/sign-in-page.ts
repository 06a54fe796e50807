import { expect, type Page } from "@playwright/test";
import { Screen } from "./screen";

/** The sign-in form. Most specs sign in with the `signIn` fixture instead; this is for stories about signing in. */
export class SignInPage extends Screen {
  constructor(page: Page) {
    super(page);
  }

  async goto() {
    await this.page.goto("/sign-in");
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Sign in"));
  }

  async submit(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  async signIn(email: string, password: string) {
    await this.goto();
    await this.submit(email, password);
    await expect(this.page).toHaveURL(/\/(workspaces|w\/[^/]+)$/);
  }

  error() {
    return this.page.getByRole("main").getByRole("alert");
  }
}
