import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** The workspace's sources, newest first, with filters by title and kind. */
export class SourceListPage extends Screen {
  async goto() {
    await this.page.goto(`${this.base}/sources`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Sources"));
    await expect(this.sources().getByRole("link").first().or(this.page.getByText("No sources yet"))).toBeVisible();
  }

  sources() {
    return this.page.getByRole("list", { name: "Sources" });
  }

  /** A source's row (a link), by words of its title. */
  source(title: string | RegExp) {
    return this.sources().getByRole("link", { name: title });
  }

  async filterByTitle(words: string) {
    await this.page.getByLabel("Title contains").fill(words);
  }

  async filterByKind(label: string) {
    await this.page.getByLabel("Kind").selectOption({ label });
  }

  addSourceLink() {
    return this.page.getByRole("link", { name: "Add source" });
  }
}
