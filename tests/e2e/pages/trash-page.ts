import { Screen } from "./screen";

/** Deleted events and briefings, for an admin to restore. */
export class TrashPage extends Screen {
  async goto() {
    await this.page.goto(`${this.base}/trash`);
    await this.settled(this.heading("Trash"));
  }
}
