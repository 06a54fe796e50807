import { expect, type Locator } from "@playwright/test";

/** The "Review" region of an event or a briefing: status, submit, and a reviewer's decision. */
export class ReviewPanel {
  constructor(readonly root: Locator) {}

  status(text: string | RegExp) {
    return this.root.getByText(text).first();
  }

  async submit(waiting: string | RegExp = "Pending review") {
    await this.root.getByRole("button", { name: "Submit for review" }).click();
    await expect(this.status(waiting)).toBeVisible();
  }

  comment() {
    return this.root.getByLabel(/^Comment/);
  }

  button(name: "Approve" | "Request changes" | "Reject" | "Submit for review" | "Withdraw") {
    return this.root.getByRole("button", { name });
  }

  async decide(decision: "Approve" | "Request changes" | "Reject", comment?: string) {
    if (comment !== undefined) await this.comment().fill(comment);
    await this.button(decision).click();
  }

  /** The author takes the submission back; it becomes a draft again. */
  async withdraw() {
    await this.button("Withdraw").click();
    await expect(this.button("Submit for review")).toBeVisible();
  }

  /** The decisions so far, newest last. */
  decisions() {
    return this.root.getByRole("list", { name: "Decisions" });
  }

  /** The message under the comment box when a decision needs a comment. */
  commentError() {
    return this.root.getByRole("alert");
  }
}
