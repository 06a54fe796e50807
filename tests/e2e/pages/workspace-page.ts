import { expect, type Page } from "@playwright/test";

export const DEMO_SLUG = "iran-taliban-al-qaeda";

export class WorkspacePage {
  constructor(private readonly page: Page, private readonly slug = DEMO_SLUG) {}

  async open() {
    await this.page.goto(`/w/${this.slug}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  newEventButton() {
    return this.page.getByRole("button", { name: "New event" });
  }

  async createEvent(title: string, summary: string) {
    await this.newEventButton().click();
    const form = this.page.getByRole("form", { name: "New event" });
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Summary").fill(summary);
    await form.getByRole("button", { name: "Save draft" }).click();
    await expect(this.page.getByRole("list", { name: "Events" }).getByText(title)).toBeVisible();
  }
}
