import { expect, type Page } from "@playwright/test";

export const DEMO_SLUG = "iran-taliban-al-qaeda";

export class WorkspacePage {
  constructor(
    private readonly page: Page,
    private readonly slug = DEMO_SLUG,
  ) {}

  async open() {
    await this.page.goto(`/w/${this.slug}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  async openChronology() {
    await this.page.goto(`/w/${this.slug}/events`);
    await expect(this.page.getByRole("heading", { name: "Chronology", level: 1 })).toBeVisible();
  }

  newEventLink() {
    return this.page.getByRole("link", { name: "New event" });
  }

  /** Creates a draft event with a year-precision date and returns to its page. */
  async createEvent(title: string, summary: string, year = 2016) {
    await this.page.goto(`/w/${this.slug}/events/new`);
    const form = this.page.getByRole("form", { name: "Event" });
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Start year").fill(String(year));
    await form.getByLabel("Summary (Markdown)").fill(summary);
    await form.getByRole("button", { name: "Save draft" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  }
}
