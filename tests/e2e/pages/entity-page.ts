import { expect, type Locator } from "@playwright/test";
import { Screen } from "./screen";

/** One entity: its names, the events naming it, its editor, the merge card and the review of a proposed change. */
export class EntityPage extends Screen {
  async goto(entityId: string, name?: string | RegExp) {
    await this.page.goto(`${this.base}/entities/${entityId}`);
    await this.expectLoaded(name);
  }

  async expectLoaded(name: string | RegExp = /.+/) {
    await this.settled(this.heading(name));
  }

  /** The entity's id, from the address. */
  id(): string {
    return new URL(this.page.url()).pathname.split("/").at(-1)!;
  }

  /** "Also known as …" under the name. */
  aliases() {
    return this.page.getByRole("main").getByText(/^Also known as/);
  }

  /** The reliability votes on this entity as the origin of sources (people and organisations only). */
  reliability() {
    return this.page.getByRole("region", { name: /^Reliability of .* as a source$/ });
  }

  events() {
    return this.page.getByRole("main").getByRole("list", { name: "Events" });
  }

  editor() {
    return this.page.getByRole("form", { name: "Entity" });
  }

  /** Fills the editor's fields given and saves (or proposes) the change. */
  async edit(
    fields: { name?: string; aliases?: string[]; kind?: string },
    button: string | RegExp = /^(Save|Propose the change|Save the proposal)$/,
  ) {
    const form = this.editor();
    if (fields.name !== undefined) await form.getByLabel("Name", { exact: true }).fill(fields.name);
    if (fields.kind !== undefined) await form.getByLabel("Kind").selectOption({ label: fields.kind });
    if (fields.aliases !== undefined) await form.getByLabel(/^Aliases/).fill(fields.aliases.join(", "));
    await form.getByRole("button", { name: button }).click();
  }

  /** Merges this entity into the one found by `query` whose row shows `into`, accepting the confirmation. */
  async mergeInto(query: string, into: string) {
    await this.page.getByRole("textbox", { name: "Find the entity to keep" }).fill(query);
    const row = this.page
      .getByRole("listitem")
      .filter({ hasText: into })
      .filter({ has: this.page.getByRole("button", { name: "Merge" }) });
    this.page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: "Merge" }).click();
  }

  /** The "Merged into another entity" notice of an entity merged away. */
  mergedNotice(): Locator {
    return this.page.getByRole("status").filter({ hasText: "Merged into" });
  }

  /** The review of a proposed change to this entity (contributors only). */
  proposal() {
    return this.page.getByRole("region", { name: "Review of changes to this entity" });
  }

  async submitProposal() {
    await this.proposal().getByRole("button", { name: "Submit for review" }).click();
    await expect(this.proposal().getByText(/Waiting for/)).toBeVisible();
  }
}
