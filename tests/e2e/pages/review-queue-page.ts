import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** Everything waiting for a reviewer's decision. */
export class ReviewQueuePage extends Screen {
  async goto() {
    await this.page.goto(`${this.base}/review`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Pending review"));
    await expect(this.items().first().or(this.page.getByText("Nothing waits for review"))).toBeVisible();
  }

  items() {
    return this.page.getByTestId("queue-item");
  }

  /** The card of a submission, by its title. */
  item(title: string) {
    return this.items().filter({ hasText: title });
  }

  async approve(title: string) {
    await this.item(title).getByRole("button", { name: "Approve" }).click();
    // A button click is sent at once (keyboard and batch decisions are held for Undo).
    await expect(this.page.getByText(`Approved “${title}”.`)).toBeVisible();
  }

  /** The comment box shared by batch and keyboard decisions. */
  comment() {
    return this.page.getByLabel(/^Comment for the decision/);
  }

  async select(title: string) {
    await this.page.getByRole("checkbox", { name: `Select ${title}` }).check();
  }

  selectedCount() {
    return this.page.getByText(/^\d+ selected$/);
  }

  /** "Approve selected", "Request changes selected" or "Reject selected": held for a few seconds with Undo. */
  async decideSelected(decision: "Approve" | "Request changes" | "Reject") {
    await this.page.getByRole("button", { name: `${decision} selected` }).click();
  }

  /** Decisions held before they are sent, each with its Undo. */
  held() {
    return this.page.getByTestId("held-decision");
  }

  async undo() {
    await this.held().getByRole("button", { name: "Undo" }).first().click();
  }

  /** The sentence saying what the last decision did, or why it was refused. */
  outcome(text: string | RegExp) {
    return this.page.getByRole("main").getByText(text);
  }

  /** Presses a queue shortcut (j, k, x, a, c, r, u) with the focus on the page, not in a field. */
  async press(key: string) {
    await this.page.keyboard.press(key);
  }

  /** The card the keyboard is on. */
  focused() {
    return this.items().and(this.page.locator(".ring-2"));
  }

  /** A submission's own decision button, sent at once. */
  async decide(title: string, decision: "Approve" | "Request changes" | "Reject") {
    await this.item(title).getByRole("button", { name: decision, exact: true }).click();
  }

  /** Proposed changes to sources and entities, below the events. */
  recordProposals() {
    return this.page.getByRole("list", { name: "Changes to sources and entities" });
  }

  recordProposal(name: string) {
    return this.recordProposals().getByTestId("record-proposal-item").filter({ hasText: name });
  }
}
