import { Screen } from "./screen";
import { ReviewPanel } from "./review-panel";

/** A briefing as read: its marking, text, review and downloads. */
export class BriefingPage extends Screen {
  async goto(briefingId: string, title?: string | RegExp) {
    await this.page.goto(`${this.base}/briefings/${briefingId}`);
    await this.expectLoaded(title);
  }

  async expectLoaded(title: string | RegExp = /.+/) {
    await this.settled(this.heading(title));
  }

  review() {
    return new ReviewPanel(this.page.getByRole("region", { name: "Review" }));
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
}
