import { expect, type Page } from "@playwright/test";

/** The briefing editor: fields, the citation picker and the autosave status. */
export class BriefingEditorPage {
  constructor(private readonly page: Page) {}

  body() {
    return this.page.getByLabel("Body (Markdown)");
  }

  picker() {
    return this.page.getByRole("dialog");
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
}
