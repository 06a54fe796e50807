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

  download(format: "PDF" | "Markdown" | "CSV" | "JSON") {
    return this.page.getByRole("link", { name: format, exact: true });
  }
}
