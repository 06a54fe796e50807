import { expect, type Locator } from "@playwright/test";

/**
 * A reliability or credibility panel ("Credibility of this event",
 * "Reliability of <publisher>"): blind hints, the vote form, votes and distribution.
 */
export class VotePanel {
  constructor(readonly root: Locator) {}

  /** Chooses a rating by the start of its label ("2 — Probably true", "B — Usually reliable") and votes. */
  async vote(rating: string, rationale?: string) {
    await this.choose(rating);
    if (rationale !== undefined) await this.rationale().fill(rationale);
    await this.submit();
  }

  async choose(rating: string) {
    // The radios are visually replaced by labelled tiles.
    await this.root.getByLabel(new RegExp(`^${rating.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)).check({ force: true });
  }

  rationale() {
    return this.root.getByLabel(/Rationale/);
  }

  async submit() {
    await this.root.getByRole("button", { name: "Vote", exact: true }).click();
  }

  /** Shown after a blind vote far from the others' consensus: the vote counts, and a reason is asked for. */
  rationaleRequest() {
    return this.root.getByTestId("rationale-request");
  }

  async saveReason(rationale: string) {
    await this.rationale().fill(rationale);
    await this.root.getByRole("button", { name: "Save reason", exact: true }).click();
  }

  voteButton() {
    return this.root.getByRole("button", { name: "Vote", exact: true });
  }

  votes() {
    return this.root.getByRole("list", { name: "Votes" });
  }

  distribution() {
    return this.root.getByRole("list", { name: "Distribution" });
  }

  blindHint() {
    return this.root.getByTestId("blind-hint");
  }

  confirmedHint() {
    return this.root.getByTestId("confirmed-hint");
  }

  async expectVoteBy(name: string) {
    await expect(this.votes()).toContainText(name);
  }

  /** With a vote already cast: chooses another rating and saves it. */
  async changeVote(rating: string, rationale?: string) {
    await this.choose(rating);
    if (rationale !== undefined) await this.rationale().fill(rationale);
    await this.root.getByRole("button", { name: "Change vote", exact: true }).click();
  }

  async withdraw() {
    await this.root.getByRole("button", { name: "Withdraw", exact: true }).click();
  }

  /** "Skip and show votes": sees the others' values without voting. */
  async skip() {
    await this.root.getByRole("button", { name: "Skip and show votes", exact: true }).click();
  }

  button(name: "Vote" | "Change vote" | "Withdraw" | "Skip and show votes" | "Save reason") {
    return this.root.getByRole("button", { name, exact: true });
  }

  /** "consensus 2" in the panel's header; absent while blind or with too few votes. */
  consensus() {
    return this.root.getByText(/^consensus/);
  }

  /** The refusal shown under the rationale box when a reason is required. */
  rationaleError() {
    return this.root.getByRole("alert").filter({ hasText: /Explain your rating/ });
  }

  /** "Track record: …" of a publisher, on its reliability panel. */
  trackRecord() {
    return this.root.getByTestId("track-record");
  }
}
