import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** Search results, grouped: events, quotes, sources, entities. */
export class SearchPage extends Screen {
  async goto(query: string) {
    await this.page.goto(`${this.base}/search?q=${encodeURIComponent(query)}`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.page.getByRole("searchbox", { name: "Search", exact: true }));
    await expect(this.group("Events")).toBeVisible();
  }

  group(name: "Events" | "Quotes" | "Sources" | "Entities") {
    return this.page.getByRole("region", { name });
  }

  /** A result's link in one group, by its text. */
  result(group: "Events" | "Quotes" | "Sources" | "Entities", text: string | RegExp) {
    return this.group(group).getByRole("link", { name: text });
  }

  filters() {
    return this.page.getByRole("form", { name: "Search filters" });
  }

  /** Ticks or unticks one kind of result under "Look in". */
  async lookIn(kind: "Events" | "Quotes" | "Sources" | "Entities", on: boolean) {
    const box = this.filters().getByRole("checkbox", { name: kind });
    // The box shows what the address says, so it changes once the address has: click, then wait for that.
    if ((await box.isChecked()) !== on) await box.click();
    await expect(box).toBeChecked({ checked: on });
  }

  /** The refusal shown above the results (Next's empty route announcer is an alert too). */
  error() {
    return this.page.locator('[role="alert"]:not(#__next-route-announcer__)');
  }

  async filterEvents(f: { from?: string; to?: string; tag?: string }) {
    const form = this.filters();
    if (f.from !== undefined) await form.getByLabel("Events from").fill(f.from);
    if (f.to !== undefined) await form.getByLabel("Events to").fill(f.to);
    if (f.tag !== undefined) await form.getByLabel("Event tag").fill(f.tag);
    await form.getByRole("button", { name: "Apply" }).click();
  }

  nothingFound(query: string) {
    return this.page.getByText(`Nothing found for “${query}”.`);
  }
}
