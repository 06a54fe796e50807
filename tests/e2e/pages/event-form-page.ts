import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** The new-event and edit-event forms, and the merge view after a conflicting save. */
export class EventFormPage extends Screen {
  async gotoNew() {
    await this.page.goto(`${this.base}/events/new`);
    await this.settled(this.heading("New event"));
  }

  async gotoEdit(eventId: string) {
    await this.page.goto(`${this.base}/events/${eventId}/edit`);
    await this.expectEditing();
  }

  async expectEditing() {
    await this.settled(this.heading("Edit event"));
    await expect(this.title()).not.toHaveValue("");
  }

  /** Who else has the event open, shown above the form before a conflicting edit starts. */
  presence() {
    return this.page.getByTestId("presence");
  }

  form() {
    return this.page.getByRole("form", { name: "Event" });
  }

  title() {
    return this.form().getByLabel("Title");
  }

  summary() {
    return this.form().getByLabel("Summary (Markdown)");
  }

  async fill(fields: { title?: string; summary?: string; year?: number }) {
    if (fields.title !== undefined) await this.title().fill(fields.title);
    if (fields.year !== undefined) await this.form().getByLabel("Start year").fill(String(fields.year));
    if (fields.summary !== undefined) await this.summary().fill(fields.summary);
  }

  /** Creates a draft and lands on its page. */
  async createDraft(fields: { title: string; summary?: string; year: number }) {
    await this.fill(fields);
    await this.form().getByRole("button", { name: "Save draft" }).click();
    await expect(this.heading(fields.title)).toBeVisible();
  }

  /** Types the date in words ("c. 2015") into the form's date field. */
  async typeDate(text: string) {
    await this.form().getByLabel("Type the date as the sources write it").fill(text);
  }

  /** The line saying how the date reads ("Understood as month: March 2011"). */
  dateReading() {
    return this.form().getByTestId("date-understood");
  }

  async save() {
    await this.page.getByRole("button", { name: "Save", exact: true }).click();
  }

  /** The merge view is on screen and passes the screen checks. */
  async expectConflict() {
    await this.settled(this.conflict().heading);
  }

  /** The merge view shown when someone else saved first. */
  conflict() {
    const page = this.page;
    return {
      heading: page.getByRole("heading", { name: "Someone else saved this event first" }),
      keep: (choice: string) => page.getByLabel(choice).check(),
      save: () => page.getByRole("button", { name: "Save merged version" }).click(),
    };
  }

  /** In the merge view: goes back to the form holding the merged values, to edit before saving. */
  async keepEditingMerge() {
    await this.page.getByRole("button", { name: "Keep editing the merge" }).click();
    await expect(this.heading("Edit event")).toBeVisible();
  }

  /** The merge view's row for a field ("Title", "Summary" …). */
  mergeRow(field: string) {
    return this.page
      .getByRole("table", { name: "Merge" })
      .getByRole("row")
      .filter({ has: this.page.getByRole("rowheader", { name: field }) });
  }
}
