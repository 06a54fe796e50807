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

  stixForm() {
    return this.page.getByRole("form", { name: "Import a STIX 2.1 bundle" });
  }

  /** Uploads a STIX bundle; the app then opens its candidates. */
  async importStix(file: string) {
    await this.stixForm().getByLabel("Bundle file").setInputFiles(file);
    await this.stixForm().getByRole("button", { name: "Import the bundle" }).click();
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

  async goto(jobId: string) {
    await this.page.goto(`${this.base}/import/${jobId}`);
    await this.expectLoaded();
  }

  /** "2 to review · 1 accepted · 0 merged · 1 dismissed" above the candidates. */
  counts() {
    return this.page.getByText(/\d+ to review · \d+ accepted · \d+ merged · \d+ dismissed/);
  }

  /** A candidate's decision badge ("Accepted", "Merged", "Dismissed", "To review"). */
  decided(text: string, status: "Accepted" | "Merged" | "Dismissed") {
    return this.candidate(text).getByText(status, { exact: true });
  }

  async accept(text: string) {
    await this.candidate(text).getByRole("button", { name: "Accept", exact: true }).click();
    await expect(this.decided(text, "Accepted")).toBeVisible();
  }

  /** Opens "Edit then accept" and returns the card, whose date fields and summary are then editable. */
  async edit(text: string) {
    const card = this.candidate(text);
    await card.getByRole("button", { name: "Edit then accept" }).click();
    await expect(card.getByRole("button", { name: "Accept as edited" })).toBeVisible();
    return card;
  }

  async mergeInto(text: string, search: string, eventTitle: string | RegExp) {
    const card = this.candidate(text);
    await card.getByRole("button", { name: "Merge into…" }).click();
    await card.getByLabel("Merge into which event?").fill(search);
    await card.getByRole("button", { name: eventTitle }).click();
    await expect(this.decided(text, "Merged")).toBeVisible();
  }

  async dismiss(text: string) {
    await this.candidate(text).getByRole("button", { name: "Dismiss", exact: true }).click();
    await expect(this.decided(text, "Dismissed")).toBeVisible();
  }

  async select(text: string) {
    await this.candidate(text)
      .getByRole("checkbox", { name: /^Select/ })
      .check();
  }

  async acceptSelected(n: number) {
    await this.page.getByRole("button", { name: `Accept selected (${n})` }).click();
  }

  /** The link from a decided candidate to its event ("Became …", "Cited on …"). */
  eventLink(text: string) {
    return this.candidate(text).getByRole("link").last();
  }
}
