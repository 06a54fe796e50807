import type { Locator } from "@playwright/test";
import { Screen } from "./screen";

/** The network of entities: its filters, the picture, the lists of links and entities, and a link's events. */
export class NetworkPage extends Screen {
  async goto(query = "") {
    await this.page.goto(`${this.base}/network${query ? `?${query}` : ""}`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Network"), this.summary());
  }

  filters(): Locator {
    return this.page.getByRole("form", { name: "Network filters" });
  }

  async filter(fields: { from?: string; to?: string; minWeight?: number }) {
    const form = this.filters();
    if (fields.from !== undefined) await form.getByLabel("From").fill(fields.from);
    if (fields.to !== undefined) await form.getByLabel("To").fill(fields.to);
    if (fields.minWeight !== undefined) await form.getByLabel(/shared events/).fill(String(fields.minWeight));
    await form.getByRole("button", { name: "Apply" }).click();
  }

  /** "Showing 4 of 4 entities and 3 of 3 links." */
  summary(): Locator {
    return this.page.getByTestId("network-summary");
  }

  picture(): Locator {
    return this.page.getByTestId("network-picture");
  }

  /** An entity drawn in the picture (a keyboard-reachable link). */
  node(name: string | RegExp): Locator {
    return this.picture().getByRole("link", { name });
  }

  /** The drawn line between two entities (by their ids, in either order). */
  edge(a: string, b: string): Locator {
    const [s, t] = [a, b].sort();
    return this.picture().locator(`[data-edge="${s}~${t}"]`);
  }

  linksTable(): Locator {
    return this.page.getByRole("region", { name: "Links" }).getByRole("table");
  }

  edgeEvents(): Locator {
    return this.page.getByTestId("edge-events");
  }
}
