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

  /** Creates an invitation link for one email address only. */
  async inviteFor(roleLabel: string, email: string): Promise<string> {
    await this.page.getByLabel("Only for this email (optional)").fill(email);
    return this.invite(roleLabel);
  }

  async deactivate(name: string) {
    await this.page.getByRole("button", { name: `Deactivate ${name}` }).click();
    await expect(this.notice("Member deactivated. Their access ended immediately.")).toBeVisible();
  }

  async reactivate(name: string) {
    await this.page.getByRole("button", { name: `Reactivate ${name}` }).click();
    await expect(this.notice("Member reactivated.")).toBeVisible();
  }

  /** A success (status) or refusal (alert) message on the page. */
  notice(text: string | RegExp) {
    return this.page.getByRole("status").or(this.page.getByRole("alert")).filter({ hasText: text });
  }

  /** The "Recent invitations" entries. */
  invitations() {
    return this.page.getByRole("heading", { name: "Recent invitations" }).locator("xpath=..").getByRole("listitem");
  }

  /** The "Workspace details" form: name and description. */
  async saveDetails(fields: { name?: string; description?: string }) {
    const form = this.page.getByRole("form", { name: "Workspace details" });
    if (fields.name !== undefined) await form.getByLabel("Workspace name").fill(fields.name);
    if (fields.description !== undefined) await form.getByLabel("What is it about?").fill(fields.description);
    await form.getByRole("button", { name: "Save details" }).click();
  }

  /** The review rule: how many approvals publish. */
  async requireApprovals(n: 1 | 2) {
    const choice = this.page.getByLabel(n === 1 ? "One approval" : "Two approvals");
    // The radio holds the choice from the click (check() fails if it springs back), and the notice says it is saved.
    await choice.check();
    await expect(this.notice(`Saved: ${n === 1 ? "one approval" : "two approvals"} needed to publish.`)).toBeVisible();
    await expect(choice).toBeChecked();
    await expect(choice).toBeEnabled();
  }

  /** The "Web archiving" card: the hosts the server may fetch from although they are private, one per line. */
  async allowArchiveHosts(hosts: string[]) {
    const form = this.page.getByRole("form", { name: "Allowed hosts" });
    await form.getByLabel("Hosts the server may fetch from although they are private").fill(hosts.join("\n"));
    await form.getByRole("button", { name: "Save allowed hosts" }).click();
    await expect(this.notice("Allowed hosts saved.")).toBeVisible();
  }

  async setDefaultMarking(marking: string) {
    await this.page.getByLabel("Default marking").selectOption(marking);
    await expect(this.notice(`Saved: new briefings start as ${marking}.`)).toBeVisible();
  }
}
