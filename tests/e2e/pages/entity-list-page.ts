import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** People, organisations and places, with their other names and how many events name them. */
export class EntityListPage extends Screen {
  async goto() {
    await this.page.goto(`${this.base}/entities`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Entities"));
    await expect(this.entities().getByRole("link").first().or(this.page.getByText("No entities yet"))).toBeVisible();
  }

  entities() {
    return this.page.getByRole("list", { name: "Entities" });
  }

  /** An entity's card (a link), by words of its name. */
  entity(name: string | RegExp) {
    return this.entities().getByRole("link", { name });
  }

  async filterByKind(label: "Any" | "Person" | "Organisation" | "Place" | "Other") {
    await this.page.getByLabel("Kind").selectOption({ label });
  }
}
