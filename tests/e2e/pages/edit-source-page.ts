import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** A source's details and text; a proposed change when published material shows it. */
export class EditSourcePage extends Screen {
  async goto(sourceId: string) {
    await this.page.goto(`${this.base}/sources/${sourceId}/edit`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading(/^(Edit source details|Propose a change to the source details)$/));
    await expect(this.form().getByLabel("Title")).not.toHaveValue("");
  }

  form() {
    return this.page.getByRole("form", { name: "Source details" });
  }

  async fill(f: { title?: string; publisher?: string; author?: string; year?: number; language?: string }) {
    const form = this.form();
    if (f.title !== undefined) await form.getByLabel("Title").fill(f.title);
    if (f.publisher !== undefined) await form.getByLabel("Publisher", { exact: true }).fill(f.publisher);
    if (f.author !== undefined) await form.getByLabel("Author").fill(f.author);
    if (f.year !== undefined) await form.getByLabel("Publication year").fill(String(f.year));
    if (f.language !== undefined) await form.getByLabel("Language").fill(f.language);
  }

  /** Replaces the source's text (proposed with the details when published material cites it). */
  async fillText(text: string) {
    await this.form().getByLabel("Text", { exact: true }).fill(text);
  }

  /** "Save", "Propose the change" or "Save the proposal", whichever the form offers. */
  async save() {
    await this.form()
      .getByRole("button", { name: /^(Save|Propose the change|Save the proposal)$/ })
      .click();
  }
}
