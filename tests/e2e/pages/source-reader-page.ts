import { expect, type Page } from "@playwright/test";

export class SourceReaderPage {
  constructor(private readonly page: Page) {}

  /** Selects the first occurrence of `needle` in the reader with a real DOM selection, as a mouse drag would. */
  async select(needle: string) {
    const text = this.page.getByTestId("source-text");
    await expect(text).toContainText(needle);
    await text.evaluate((el, n) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(n);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + n.length);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        el.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
        return;
      }
      throw new Error(`Passage not found as one text node: ${n}`);
    }, needle);
    await expect(this.page.getByTestId("selected-quote")).toHaveText(needle);
  }

  async citeOnNewEvent(opts: {
    title: string;
    month: string;
    year: number;
    stance?: "supports" | "contradicts" | "mentions";
  }) {
    const panel = this.page.getByRole("region", { name: "Cite this passage" });
    await panel.getByLabel(opts.stance ?? "supports").check();
    await panel.getByLabel("Event title").fill(opts.title);
    await panel.getByLabel("Start month").selectOption({ label: opts.month });
    await panel.getByLabel("Start year").fill(String(opts.year));
    await panel.getByRole("button", { name: "Cite" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: opts.title })).toBeVisible();
  }
}
