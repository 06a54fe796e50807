import { expect } from "@playwright/test";
import { Screen } from "./screen";
import { VotePanel } from "./vote-panel";

/** A source's text, where passages are selected and cited, with its publisher's reliability votes. */
export class SourceReaderPage extends Screen {
  async goto(sourceId: string, title?: string | RegExp, opts: { withText?: boolean } = {}) {
    await this.page.goto(`${this.base}/sources/${sourceId}`);
    await this.expectLoaded(title, opts);
  }

  /** `withText: false` for a source that has only its details and address (no text yet). */
  async expectLoaded(title: string | RegExp = /.+/, { withText = true }: { withText?: boolean } = {}) {
    await this.settled(this.heading(title), withText ? this.text() : this.page.getByText("No text stored"));
  }

  text() {
    return this.page.getByTestId("source-text");
  }

  /** The reliability panel of the source's publisher, by the publisher's name. */
  reliability(publisher: string) {
    return new VotePanel(this.page.getByRole("region", { name: `Reliability of ${publisher}` }));
  }

  /** How much of a long text is shown ("Showing 20,000 of 210,000 characters."); gone once all of it is. */
  loadedStatus() {
    return this.page.getByRole("status").filter({ hasText: /^Showing [\d,]+ of [\d,]+ characters\.$/ });
  }

  /** Loads the next part of a long text. */
  async showMore() {
    await this.page.getByRole("button", { name: "Show more of the text" }).click();
  }

  /** Opens the passage a citation quotes, from the list of events citing the source (by the event's title). */
  async showPassageOf(eventTitle: string) {
    await this.page
      .getByRole("listitem")
      .filter({ has: this.page.getByRole("link", { name: eventTitle }) })
      .getByRole("link", { name: "show passage" })
      .click();
  }

  /** The highlighted passage of a citation, by the words it holds. */
  passage(words: string) {
    return this.text().locator("mark", { hasText: words });
  }

  /** The line of the text holding `needle`, as laid out (each line takes its own direction). */
  line(needle: string) {
    return this.text().locator("span[dir=auto]", { hasText: needle }).first();
  }

  /** Selects the first occurrence of `needle` in the reader with a real DOM selection, as a mouse drag would. */
  async select(needle: string) {
    const text = this.text();
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

  /** With a passage selected: cites it on a new event and lands on that event. */
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
    await expect(this.heading(opts.title)).toBeVisible();
  }

  editLink() {
    return this.page.getByRole("link", { name: "Edit details" });
  }

  historyLink() {
    return this.page.getByRole("link", { name: "History", exact: true });
  }

  /** The "Archived copies of the page" panel: the request form and the copies, newest first. */
  archives() {
    return this.page.getByRole("region", { name: "Archived copies of the page" });
  }

  /** Asks the server to archive the source's address (or `url`); the copy is listed as waiting, then done. */
  async archivePage(url?: string) {
    const panel = this.archives();
    if (url !== undefined) await panel.getByLabel("Address to archive").fill(url);
    await panel.getByRole("button", { name: "Archive page" }).click();
  }

  /** The newest archived copy. */
  latestArchive() {
    return this.archives().getByTestId("archive").first();
  }

  /** Opens the text the server read from the newest copy, and returns it. */
  async openArchivedText() {
    const copy = this.latestArchive();
    await copy.getByText(/^Text read from the page/).click();
    const text = copy.getByTestId("archive-text");
    await expect(text).toBeVisible();
    return text;
  }

  /** The review of a proposed change to the source's details (contributors only). */
  proposal() {
    return this.page.getByRole("region", { name: "Review of changes to this source" });
  }
}
