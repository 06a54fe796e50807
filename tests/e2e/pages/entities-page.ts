import { Screen } from "./screen";

/** The entities list (people, organisations, places) and an entity's own page. */
export class EntitiesPage extends Screen {
  async goto() {
    await this.page.goto(`${this.base}/entities`);
    await this.settled(this.heading("Entities"), this.page.getByRole("list", { name: "Entities" }));
  }

  async gotoEntity(entityId: string, name: string | RegExp = /.+/) {
    await this.page.goto(`${this.base}/entities/${entityId}`);
    await this.settled(this.heading(name));
  }
}
