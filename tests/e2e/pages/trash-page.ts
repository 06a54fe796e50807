import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** Deleted events and briefings, each restorable by an admin. */
export class TrashPage extends Screen {
  async goto() {
    await this.page.goto(`${this.base}/trash`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Trash"));
  }

  deletedEvents() {
    return this.page.getByRole("list", { name: "Deleted events" });
  }

  deletedBriefings() {
    return this.page.getByRole("list", { name: "Deleted briefings" });
  }

  /** A deleted event's row, by its title. */
  event(title: string) {
    return this.deletedEvents().getByRole("listitem").filter({ hasText: title });
  }

  briefing(title: string) {
    return this.deletedBriefings().getByRole("listitem").filter({ hasText: title });
  }

  async restoreEvent(title: string) {
    await this.event(title).getByRole("button", { name: "Restore" }).click();
    await expect(this.event(title)).toHaveCount(0);
  }

  async restoreBriefing(title: string) {
    await this.briefing(title).getByRole("button", { name: "Restore" }).click();
    await expect(this.briefing(title)).toHaveCount(0);
  }
}
