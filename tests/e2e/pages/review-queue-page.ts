import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** Everything waiting for a reviewer's decision. */
export class ReviewQueuePage extends Screen {
  async goto() {
    await this.page.goto(`${this.base}/review`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Pending review"));
    await expect(this.items().first().or(this.page.getByText("Nothing waits for review"))).toBeVisible();
  }

  items() {
    return this.page.getByTestId("queue-item");
  }

  /** The card of a submission, by its title. */
  item(title: string) {
    return this.items().filter({ hasText: title });
  }

  async approve(title: string) {
    await this.item(title).getByRole("button", { name: "Approve" }).click();
    // A button click is sent at once (keyboard and batch decisions are held for Undo).
    await expect(this.page.getByText(`Approved “${title}”.`)).toBeVisible();
  }
}
