import { expect } from "@playwright/test";
import { Screen } from "./screen";

export type QueueKindLabel =
  | "Everything"
  | "Events (new and changed)"
  | "New events"
  | "Changes to published events"
  | "Changes to sources and entities"
  | "Briefings";

/** Everything waiting for a reviewer's decision: events, changes to sources and entities, briefings. */
export class ReviewQueuePage extends Screen {
  async goto(kind?: "events" | "new" | "change" | "records" | "briefings") {
    await this.page.goto(`${this.base}/review${kind ? `?kind=${kind}` : ""}`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Pending review"));
    // Whatever the filter shows: a card of some kind, or a section saying nothing waits.
    await expect(
      this.page
        .getByTestId(/^(queue-item|record-proposal-item|briefing-queue-item)$/)
        .or(this.page.getByText(/^(Nothing waits for review|No briefing waits for review)$/))
        .first(),
    ).toBeVisible();
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

  /** A card's own comment box. */
  comment(title: string) {
    return this.item(title).getByLabel(/^Comment on this item/);
  }

  /** Writes the card's own comment and clicks its decision (sent at once). */
  async decide(title: string, decision: "Approve" | "Request changes" | "Reject", comment?: string) {
    if (comment !== undefined) await this.comment(title).fill(comment);
    await this.item(title).getByRole("button", { name: decision, exact: true }).click();
  }

  /** The bar that decides on the selection, with its own comment. */
  batchBar() {
    return this.page.getByTestId("batch-bar");
  }

  batchComment() {
    return this.batchBar().getByLabel(/^Comment for the selected events/);
  }

  /** The evidence block of a card: cited passages, sources, reliability, independent origins. */
  evidence(title: string) {
    return this.item(title).getByTestId("evidence");
  }

  /** What changed, as a card names it. */
  changes(title: string) {
    return this.item(title).getByTestId("event-changes");
  }

  async show(kind: QueueKindLabel) {
    await this.page.getByLabel("Show").selectOption({ label: kind });
  }

  briefings() {
    return this.page.getByTestId("briefing-queue-item");
  }

  briefing(title: string) {
    return this.briefings().filter({ hasText: title });
  }

  recordProposals() {
    return this.page.getByTestId("record-proposal-item");
  }

  recordProposal(name: string) {
    return this.recordProposals().filter({ hasText: name });
  }

  async select(title: string) {
    await this.page.getByRole("checkbox", { name: `Select ${title}` }).check();
  }

  selectedCount() {
    return this.batchBar().getByText(/^\d+ events? selected\.$/);
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
}
