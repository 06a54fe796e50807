import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** An event's versions, each restorable. */
export class EventHistoryPage extends Screen {
  async goto(eventId: string) {
    await this.page.goto(`${this.base}/events/${eventId}/history`);
    await this.settled(this.heading(/^History of/));
  }

  revisions() {
    return this.page.getByTestId("revision");
  }

  async restore(version: number) {
    await this.page.getByRole("button", { name: `Restore version ${version}` }).click();
    await expect(this.page.getByText("Version restored as a new change.")).toBeVisible();
  }

  /** A version's card by what was done ("Edited", "Restored an older version" …), newest first. */
  revision(action: string | RegExp) {
    return this.revisions().filter({ hasText: action });
  }

  restoreButton(version: number) {
    return this.page.getByRole("button", { name: `Restore version ${version}` });
  }

  /** After following the event's "History" link. */
  async expectLoaded() {
    await this.settled(this.heading(/^History of/));
  }
}
