import { expect } from "@playwright/test";
import { Screen } from "./screen";
import { ReviewPanel } from "./review-panel";
import { VotePanel } from "./vote-panel";

/** One event: its date, summary, citations, review bar and credibility votes. */
export class EventPage extends Screen {
  async goto(eventId: string, title?: string | RegExp) {
    await this.page.goto(`${this.base}/events/${eventId}`);
    await this.expectLoaded(title);
  }

  async expectLoaded(title: string | RegExp = /.+/) {
    await this.settled(this.heading(title));
  }

  /** The event's id, from the address. */
  id(): string {
    return new URL(this.page.url()).pathname.split("/").at(-1)!;
  }

  /** Who else has this event open: "Ana Analyst is editing this event." */
  presence() {
    return this.page.getByTestId("presence");
  }

  /** What a reader who may not (or no longer) see the event gets instead. */
  notFound() {
    return this.page.getByRole("heading", { name: "Event not found" });
  }

  review() {
    return new ReviewPanel(this.page.getByRole("region", { name: "Review" }));
  }

  credibility() {
    return new VotePanel(this.page.getByRole("region", { name: "Credibility of this event" }));
  }

  citations() {
    return this.page.getByRole("region", { name: "Citations" });
  }

  quote(text: string | RegExp) {
    return this.page.getByRole("blockquote").filter({ hasText: text });
  }

  /** The citation whose quote (as the source has it) contains `quote`: its translation, editor and check. */
  citation(quote: string | RegExp) {
    return this.citations()
      .getByRole("listitem")
      .filter({ has: this.page.getByRole("blockquote").filter({ hasText: quote }) });
  }

  /** "Machine translation (engine) — not checked" / "Translated by Ana — checked by Bo". */
  translationState(quote: string | RegExp) {
    return this.citation(quote).getByTestId("translation-state");
  }

  translationForm(quote: string | RegExp) {
    return this.citation(quote).getByRole("form", { name: "Translation of the quote" });
  }

  /** Opens the translation editor of a quote, fills it in and saves; `by` is "me", a member's name, or { engine }. */
  async translate(
    quote: string | RegExp,
    text: string,
    language: string,
    by: "me" | { member: string } | { engine: string },
  ) {
    const item = this.citation(quote);
    await item.getByRole("button", { name: /^(Add|Edit) translation$/ }).click();
    const form = this.translationForm(quote);
    await form.getByLabel("Translation", { exact: true }).fill(text);
    await form.getByLabel("Language of the translation").selectOption({ label: language });
    if (by === "me") await form.getByLabel("Translated by").selectOption("me");
    else if ("member" in by) {
      await form.getByLabel("Translated by").selectOption("member");
      await form.getByLabel("Member who translated it").selectOption({ label: by.member });
    } else {
      await form.getByLabel("Translated by").selectOption("machine");
      await form.getByLabel("Engine").fill(by.engine);
    }
    return form;
  }

  async saveTranslation(quote: string | RegExp) {
    await this.translationForm(quote).getByRole("button", { name: "Save translation" }).click();
    await expect(this.translationForm(quote)).toHaveCount(0);
  }

  markCheckedButton(quote: string | RegExp) {
    return this.citation(quote).getByRole("button", { name: "Mark checked" });
  }

  originCount() {
    return this.page.getByTestId("origin-count");
  }

  /** The "evidence weakened" flags: why, when, and the support before and after (or, once all are handled, their history). */
  evidenceFlags() {
    return this.page.getByRole("region", { name: /^Evidence (weakened|changes, all handled)$/ });
  }

  /** Moves the event to the trash (accepting the confirmation) and lands on the chronology. */
  async delete() {
    this.page.once("dialog", (d) => void d.accept());
    await this.deleteButton().click();
    await expect(this.page).toHaveURL(/\/events$/);
  }

  deleteButton() {
    return this.page.getByRole("button", { name: "Delete" });
  }

  editLink() {
    return this.page.getByRole("link", { name: "Edit", exact: true });
  }

  historyLink() {
    return this.page.getByRole("link", { name: "History", exact: true });
  }
}
