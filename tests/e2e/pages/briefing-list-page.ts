import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** The workspace's briefings; reviewers also see what waits for them. */
export class BriefingListPage extends Screen {
  async goto(query = "") {
    await this.page.goto(`${this.base}/briefings${query}`);
    await this.expectLoaded();
  }

  async gotoQueue() {
    await this.goto("?status=queue");
  }

  async expectLoaded() {
    await this.settled(this.heading("Briefings"));
  }

  /** Starts a briefing and lands in its editor. */
  async create(title: string, marking?: string) {
    await this.page.getByRole("button", { name: "New briefing" }).click();
    const form = this.page.getByRole("form", { name: "New briefing" });
    await form.getByLabel("Title").fill(title);
    if (marking) await form.getByLabel("Handling marking").selectOption(marking);
    await form.getByRole("button", { name: "Create and start writing" }).click();
    await expect(this.page).toHaveURL(/\/briefings\/[^/]+\/edit$/);
  }

  waiting() {
    return this.page.getByRole("list", { name: "Waiting for review" });
  }

  link(title: string) {
    return this.page.getByRole("link", { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
  }
}
