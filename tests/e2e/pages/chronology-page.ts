import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** The chronology: events in date order, with filters kept in the address. */
export class ChronologyPage extends Screen {
  async goto(query = "") {
    await this.page.goto(`${this.base}/events${query}`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Chronology"));
    await expect(this.events().or(this.page.getByText(/^No events/))).toBeVisible();
  }

  filters() {
    return this.page.getByRole("form", { name: "Filters" });
  }

  /** On a phone the filters are folded behind a "Filters" button; opens them there. */
  async openFilters() {
    const toggle = this.page.getByRole("button", { name: /^Filters/ });
    if ((await toggle.isVisible()) && (await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
    await expect(this.filters()).toBeVisible();
  }

  async filterByWords(words: string) {
    await this.openFilters();
    await this.filters().getByLabel("Words").fill(words);
    await this.filters().getByRole("button", { name: "Apply" }).click();
    await expect(this.page).toHaveURL(/[?&]text=/);
  }

  /** Types a date as analysts write it ("late 1990s") into the When filter, without applying it. */
  async typeWhen(when: string) {
    await this.openFilters();
    await this.filters().getByLabel("When").fill(when);
  }

  /** How the typed date was understood, or the word of help when it could not be read. */
  whenReading() {
    return this.page.locator("#chronology-when-reads");
  }

  async applyFilters() {
    await this.filters().getByRole("button", { name: "Apply" }).click();
  }

  events() {
    return this.page.getByRole("list", { name: "Events" });
  }

  /** An event's row (a link) by its title. */
  event(title: string | RegExp) {
    return this.events().getByRole("link", { name: title });
  }

  /** The marker on an event's row while evidence it relies on is weakened and not yet handled. */
  evidenceMarker(title: string | RegExp) {
    return this.event(title).getByText("Evidence weakened", { exact: true });
  }

  /** The STIX 2.1 download of what the chronology shows (the workspace, or the filtered events). */
  stixLink() {
    return this.page.getByRole("link", { name: /^STIX 2\.1/ });
  }

  /** The link that downloads the listed events (all pages, same filters) as CSV or JSON. */
  exportLink(format: "csv" | "json") {
    return this.page.getByRole("link", { name: `${format.toUpperCase()} of these events` });
  }

  async downloadExport(format: "csv" | "json") {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.exportLink(format).click()]);
    return download;
  }

  newEventLink() {
    return this.page.getByRole("link", { name: "New event" });
  }
}
