import { expect } from "@playwright/test";
import { Screen } from "./screen";

/** Members, roles and invitation links. */
export class MembersPage extends Screen {
  async goto() {
    await this.page.goto(`${this.base}/members`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Members"));
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
