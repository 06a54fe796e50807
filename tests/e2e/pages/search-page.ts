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
}
