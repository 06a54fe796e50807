import { expect } from "@playwright/test";
import { Screen } from "./screen";

export type ImportFields = { title?: string; publisher?: string; day?: number; month?: string; year?: number };

/** "Import a document": upload or paste, then the importer proposes dated events. */
export class ImportPage extends Screen {
  async goto() {
    await this.page.goto(`${this.base}/import`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Import a document"));
  }

  form() {
    return this.page.getByRole("form", { name: "Import a document" });
  }

  async upload(file: string, f: ImportFields = {}) {
    await this.page.getByRole("tab", { name: "Upload a file" }).click();
    const form = this.form();
    await form.getByLabel(/^File/).setInputFiles(file);
    if (f.title !== undefined) await form.getByLabel("Title").fill(f.title);
    if (f.publisher !== undefined) await form.getByLabel("Publisher", { exact: true }).fill(f.publisher);
    if (f.day !== undefined) await form.getByLabel("Publication day").fill(String(f.day));
    if (f.month !== undefined) await form.getByLabel("Publication month").selectOption({ label: f.month });
    if (f.year !== undefined) await form.getByLabel("Publication year").fill(String(f.year));
  }

  async start() {
    await this.form().getByRole("button", { name: "Import and find events" }).click();
  }
}

/** One import: its candidate events, each accepted, edited, merged or dismissed. */
export class ImportJobPage extends Screen {
  async expectLoaded() {
    await expect(this.page.getByRole("heading", { name: "Candidate events" })).toBeVisible({ timeout: 30_000 });
    await this.settled(this.heading(/.+/));
  }

  /** A candidate's card, by words of its passage. */
  candidate(text: string) {
    return this.page.getByTestId("candidate").filter({ hasText: text });
  }
}
