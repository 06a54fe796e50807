import { Screen } from "./screen";

/** The System page: versions, database, backups, job queue and the health of each part (admins only). */
export class SystemPage extends Screen {
  async goto() {
    await this.page.goto(`${this.base}/system`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("System"), this.page.getByRole("list", { name: "Health of each part" }));
  }

  /** Opens the page as someone who may not see it, and waits for the refusal instead. */
  async gotoRefused() {
    await this.page.goto(`${this.base}/system`);
    await this.settled(this.refusal());
  }

  refusal() {
    return this.page.getByText("Only workspace admins can see how the system is doing.");
  }

  /** The value beside a term ("Last backup", "Size", "Migrations applied"…). */
  fact(term: string) {
    return this.page.locator("dt", { hasText: term }).first().locator("xpath=following-sibling::dd[1]");
  }

  /** The health line of a part ("Database", "Schema migrations", "Backups", "Job queue"). */
  health(part: string) {
    return this.page.getByRole("list", { name: "Health of each part" }).getByRole("listitem").filter({ hasText: part });
  }
}
