import { expect } from "@playwright/test";
import { Screen } from "./screen";

export type SourceFields = {
  title?: string;
  publisher?: string;
  year?: number;
  language?: string;
  text?: string;
};

/** "Add a source": paste a text, upload a file or give a web address. */
export class NewSourcePage extends Screen {
  async goto() {
    await this.page.goto(`${this.base}/sources/new`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Add a source"));
  }

  form() {
    return this.page.getByRole("form", { name: "New source" });
  }

  async fill(f: SourceFields) {
    const form = this.form();
    if (f.title !== undefined) await form.getByLabel("Title").fill(f.title);
    if (f.publisher !== undefined) await form.getByLabel("Publisher", { exact: true }).fill(f.publisher);
    if (f.year !== undefined) await form.getByLabel("Publication year").fill(String(f.year));
    if (f.language !== undefined) await form.getByLabel("Language").fill(f.language);
    if (f.text !== undefined) await form.getByLabel("Text").fill(f.text);
  }

  async save() {
    await this.form().getByRole("button", { name: "Save source" }).click();
  }

  /** Pastes a source and lands in its reader. */
  async create(f: SourceFields & { title: string; text: string }) {
    await this.fill(f);
    await this.save();
    await expect(this.heading(f.title)).toBeVisible();
  }

  async chooseUpload() {
    await this.page.getByRole("tab", { name: "Upload a file" }).click();
  }

  async upload(file: string | { name: string; mimeType: string; buffer: Buffer }) {
    await this.chooseUpload();
    await this.page.getByLabel(/^File/).setInputFiles(file);
  }
}
