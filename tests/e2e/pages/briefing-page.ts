import { expect } from "@playwright/test";
import { Screen } from "./screen";
import { ReviewPanel } from "./review-panel";

/** A briefing as read: its marking, text, review and downloads. */
export class BriefingPage extends Screen {
  async goto(briefingId: string, title?: string | RegExp) {
    await this.page.goto(`${this.base}/briefings/${briefingId}`);
    await this.expectLoaded(title);
  }

  async expectLoaded(title: string | RegExp = /.+/) {
    // The editor shows the same heading; without this a check run while leaving it would test the editor.
    await expect(this.page).toHaveURL(/\/briefings\/[^/?#]+(?:[?#].*)?$/);
    await this.settled(this.heading(title));
  }

  review() {
    return new ReviewPanel(this.page.getByRole("region", { name: "Review" }));
  }

  /** What changed in the evidence since approval, and the correction once approved. */
  evidenceBanner() {
    return this.page.getByRole("region", { name: /Evidence changed|Corrected on|Evidence changes/ });
  }

  /** An author writes the correction notice (saved in the working copy; submitted through the review panel). */
  async writeCorrection(text: string) {
    const banner = this.evidenceBanner();
    await banner.getByLabel("Correction notice").fill(text);
    await banner.getByRole("button", { name: "Save correction" }).click();
    await expect(banner.getByText("Saved in the working copy.")).toBeVisible();
  }

  marking() {
    return this.page.getByTestId("marking").first();
  }

  decisions() {
    return this.page.getByTestId("decision");
  }

  /** The line under the title: authors, reviewers, version and dates. */
  byline() {
    return this.page.getByRole("heading", { level: 1 }).locator("xpath=following-sibling::p[1]");
  }

  /** The switch between the published version and the working copy (shown when they differ). */
  versionSwitch() {
    return this.page.getByRole("group", { name: "Version to read" });
  }

  download(format: "PDF" | "Markdown" | "CSV" | "JSON") {
    return this.page.getByRole("link", { name: format, exact: true });
  }

  /** The discussion under the briefing. */
  comments() {
    return this.page.getByRole("list", { name: "Comments" }).getByRole("listitem");
  }

  comment(text: string | RegExp) {
    return this.comments().filter({ hasText: text });
  }

  commentBox() {
    return this.page.getByRole("combobox", { name: "Add a comment" });
  }

  /** Types "@" and the start of a name, waits for the member to be suggested, and picks them with Enter. */
  async mention(typed: string, name: string) {
    const box = this.commentBox();
    await box.pressSequentially(`@${typed}`);
    const option = this.page.getByRole("listbox", { name: "Members" }).getByRole("option", { name: new RegExp(name) });
    await expect(option).toBeVisible();
    await expect(option).toHaveAttribute("aria-selected", "true");
    await box.press("Enter");
    await expect(box).toHaveValue(new RegExp(`@${name.replace(/\s+/g, "")} $`));
  }

  async sendComment(text?: string) {
    if (text !== undefined) await this.commentBox().pressSequentially(text);
    await this.page.getByRole("form", { name: "New comment" }).getByRole("button", { name: "Comment" }).click();
  }

  async deleteComment(text: string | RegExp) {
    this.page.once("dialog", (d) => void d.accept());
    await this.comment(text).getByRole("button", { name: "Delete" }).click();
    await expect(this.comment(text)).toHaveCount(0);
  }

  /** Moves the briefing to the trash (accepting the confirmation) and lands on the list. */
  async delete() {
    this.page.once("dialog", (d) => void d.accept());
    await this.page.getByRole("button", { name: "Delete" }).click();
    await expect(this.page).toHaveURL(/\/briefings$/);
  }

  /** A download link of the published version, by its format. */
  exportLink(format: "pdf" | "md" | "csv" | "json") {
    const label = { pdf: "PDF", md: "Markdown", csv: "Cited events (CSV)", json: "Cited events (JSON)" }[format];
    return this.page
      .getByRole("region", { name: /^Download/ })
      .first()
      .getByRole("link", { name: label, exact: true });
  }

  /** Clicks a download link and waits for the file the browser saves. */
  async downloadExport(format: "pdf" | "md" | "csv" | "json") {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.exportLink(format).click()]);
    return download;
  }
}
