import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** The briefing editor: fields, key judgments, the citation picker, the preview and the autosave status. */
export class BriefingEditorPage extends Screen {
  async goto(briefingId: string) {
    await this.page.goto(`${this.base}/briefings/${briefingId}/edit`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading(/.+/), this.body());
    // The body is the shared live document: typing starts once it has arrived.
    await expect(this.liveStatus()).toContainText("Live", { timeout: 15_000 });
  }

  /** Who else has this briefing open: "Ana Analyst is editing this briefing." */
  presence() {
    return this.page.getByTestId("presence");
  }

  /** Co-authors' cursors in the body, each labelled with their name. */
  cursorLabels() {
    return this.page.getByTestId("live-body").locator(".cm-ySelectionInfo");
  }

  /** "Live · 1 co-author here", "Offline: …", "Body read-only". */
  liveStatus() {
    return this.page.getByTestId("live-status");
  }

  /** The briefing's id, from the address. */
  id(): string {
    return new URL(this.page.url()).pathname.split("/").at(-2)!;
  }

  summary() {
    return this.page.getByRole("textbox", { name: "Summary", exact: true });
  }

  body() {
    return this.page.getByRole("textbox", { name: "Body (Markdown)" });
  }

  /** The body's Markdown as the editor holds it: chips read as the tokens they stand for, co-authors' cursors left out. */
  async markdown(): Promise<string> {
    return this.page.getByTestId("live-body").evaluate((root) => {
      const read = (node: Node): string => {
        if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? "";
        const el = node as HTMLElement;
        if (el.dataset?.token) return el.dataset.token;
        if (el.classList?.contains("cm-ySelectionCaret") || el.classList?.contains("cm-placeholder")) return "";
        if (el.tagName === "BR") return "";
        return [...el.childNodes].map(read).join("");
      };
      return [...root.querySelectorAll(".cm-line")].map(read).join("\n");
    });
  }

  /** Waits until the server has saved the body as the editor shows it (the live document saves after a pause). */
  async waitUntilBodySaved(savedBody: () => Promise<string | undefined>) {
    const shown = await this.markdown();
    await expect.poll(savedBody, { timeout: 15_000 }).toBe(shown);
  }

  /** A reference in the body drawn as a chip (title and date), by the Markdown token it stands for. */
  chip(token: string) {
    return this.page.getByTestId("reference-chip").and(this.page.locator(`[data-token="${token}"]`));
  }

  chips() {
    return this.page.getByTestId("reference-chip");
  }

  /** References drawn as their Markdown code (the caret is in them, or codes are shown). */
  codes() {
    return this.page.getByTestId("reference-code");
  }

  showCodes() {
    return this.page.getByRole("checkbox", { name: "Show reference codes" });
  }

  picker() {
    return this.page.getByRole("dialog");
  }

  preview() {
    return this.page.getByTestId("preview");
  }

  references() {
    return this.preview().getByTestId("references").getByRole("listitem");
  }

  async addKeyJudgment(n: number, statement: string, probability: string) {
    await this.page.getByRole("button", { name: "Add key judgment" }).click();
    await this.page.getByLabel(`Statement of key judgment ${n}`).fill(statement);
    await this.page
      .getByRole("group", { name: "Key judgments" })
      .getByLabel("Probability (ICD 203)")
      .nth(n - 1)
      .selectOption({ label: probability });
  }

  keyJudgment(n: number) {
    return this.page.getByRole("listitem", { name: `Key judgment ${n}` });
  }

  /** With the picker open: search, wait for a result with `expected` in it, choose it with the keyboard. */
  async pickWithKeyboard(query: string, expected: string | RegExp) {
    const dialog = this.picker();
    await dialog.getByRole("combobox", { name: "Search by title or words" }).fill(query);
    const results = dialog.getByRole("listbox", { name: "Results" }).getByRole("option");
    const wanted = results.filter({ hasText: expected }).first();
    await expect(wanted).toBeVisible();
    // Arrow down until the wanted result is the active one, as a keyboard user would.
    for (let i = 0; i < 12 && (await wanted.getAttribute("aria-selected")) !== "true"; i++)
      await this.page.keyboard.press("ArrowDown");
    await expect(wanted).toHaveAttribute("aria-selected", "true");
    await this.page.keyboard.press("Enter");
    await expect(dialog).toHaveCount(0);
  }

  async waitUntilSaved() {
    await expect(this.page.getByTestId("save-status")).toHaveText(/Saved \d/, { timeout: 15_000 });
  }

  /** Saves and leaves for the briefing as read; returns once the address is the briefing's, no longer its editor's. */
  async done() {
    await this.page.getByRole("button", { name: "Done" }).click();
    await expect(this.page).toHaveURL(/\/briefings\/[^/?#]+(?:[?#].*)?$/);
  }

  markingField() {
    return this.page.getByLabel("Handling marking");
  }
}
