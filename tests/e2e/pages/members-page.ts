import { expect, type Page } from "@playwright/test";
import { DEMO_SLUG } from "./workspace-page";

export class MembersPage {
  constructor(
    private readonly page: Page,
    private readonly slug = DEMO_SLUG,
  ) {}

  async open() {
    await this.page.goto(`/w/${this.slug}/members`);
    await expect(this.page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  }

  /** Creates an invitation link for a role and returns it. */
  async invite(roleLabel: string): Promise<string> {
    await this.page.getByLabel("Role", { exact: true }).selectOption({ label: roleLabel });
    await this.page.getByRole("button", { name: "Create link" }).click();
    const link = this.page.getByTestId("invite-link");
    await expect(link).toHaveValue(/\/invite\//);
    return link.inputValue();
  }

  memberRow(email: string) {
    return this.page.getByTestId(`member-${email}`);
  }

  async changeRole(name: string, roleLabel: string) {
    await this.page.getByLabel(`Role of ${name}`).selectOption({ label: roleLabel });
    await expect(this.page.getByText(`Role changed to ${roleLabel}.`)).toBeVisible();
  }
}
