import { Screen } from "./screen";

/** A workspace's overview: its name, your role, counts and recent events. */
export class WorkspaceHomePage extends Screen {
  async goto() {
    await this.page.goto(this.base);
    await this.expectLoaded();
  }

  async expectLoaded(name?: string) {
    await this.settled(this.heading(name ?? /.+/));
  }

  /** The badge naming your role ("Viewer", "Analyst"…). */
  roleBadge(label: string) {
    return this.page.getByRole("main").getByText(label, { exact: true });
  }

  /** One of the overview's figures ("Members", "Published events", "Drafts"…), as a term and its value. */
  stat(label: string) {
    return this.page
      .getByRole("main")
      .locator("dl > div")
      .filter({ has: this.page.getByRole("term").filter({ hasText: label }) });
  }

  newEventLink() {
    return this.page.getByRole("link", { name: "New event" });
  }
}
