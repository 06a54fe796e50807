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

  /** Orders the list by the "Order" control's option with this label ("Most cited", "Least cited"…). */
  async sortBy(label: string) {
    await this.page.getByLabel("Order").selectOption({ label });
  }

  reliabilityFilter() {
    return this.page.getByLabel("Origin reliability");
  }

  /** Filters by the origin's reliability as this reader is shown it, by the option's label. */
  async filterByReliability(label: string | RegExp) {
    const select = this.reliabilityFilter();
    const options = await select.locator("option").allInnerTexts();
    const match = options.find((o) => (typeof label === "string" ? o === label : label.test(o)));
    if (!match) throw new Error(`No origin reliability option ${String(label)} among ${options.join(", ")}`);
    await select.selectOption({ label: match });
  }

  /** The sentence under the filters saying how ratings hidden from this reader are filtered. */
  reliabilityHint() {
    return this.page.locator("#origin-reliability-hint");
  }

  /** The count shown on a source's row ("3 citations"). */
  citationCount(title: string | RegExp) {
    return this.source(title).getByText(/^\d+ citations?$/);
  }

  noMatch() {
    return this.page.getByText("No sources match these filters");
  }

  addSourceLink() {
    return this.page.getByRole("link", { name: "Add source" });
  }
}
