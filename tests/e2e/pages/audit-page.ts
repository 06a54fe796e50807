import { Screen } from "./screen";

/** The audit log: who did what, when. */
export class AuditPage extends Screen {
  async goto() {
    await this.page.goto(`${this.base}/audit`);
    await this.settled(this.heading("Audit log"), this.page.getByRole("table"));
  }

  action(label: string) {
    return this.page.getByRole("cell", { name: label }).first();
  }
}
