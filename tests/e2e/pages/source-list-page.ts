import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** The sources list: each source with its kind, origin reliability, language, date and citations; sorted and filtered. */
export class SourceListPage extends Screen {
  async goto(query = "") {
    await this.page.goto(`${this.base}/sources${query}`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Sources"));
    await expect(
      this.sources()
        .getByRole("link")
        .first()
        .or(this.page.getByText(/^No sources/)),
    ).toBeVisible();
  }

  sources() {
    return this.page.getByRole("list", { name: "Sources" });
  }

  /** A source's row (a link holding its details), by words of its title. */
  source(title: string | RegExp) {
    return this.sources().getByRole("link", { name: title });
  }

  /** The titles in the order shown. */
  async titles(): Promise<string[]> {
    return (await this.sources().getByRole("link").locator(":scope > span[dir=auto]").allInnerTexts()).map((t) =>
      t.trim(),
    );
  }

  filters() {
    return this.page.getByRole("search", { name: "Filter sources" });
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
