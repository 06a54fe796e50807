import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** A source's versions of its details, each restorable. */
export class SourceHistoryPage extends Screen {
  async goto(sourceId: string) {
    await this.page.goto(`${this.base}/sources/${sourceId}/history`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading(/^History of/));
  }

  revisions() {
    return this.page.getByTestId("revision");
  }

  async restore(version: number) {
    await this.page.getByRole("button", { name: `Restore version ${version}` }).click();
    await expect(this.page.getByText("Version restored as a new change.")).toBeVisible();
  }
}
