import { expect, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "../support/a11y";
import { expectNoHorizontalOverflow } from "../support/layout";
import { AppShell } from "./app-shell";

/**
 * What every page object shares: the page, the workspace it works in, the
 * app's header (`shell`), and `settled()`, which each page object's
 * `expectLoaded()` ends with — the screen's landmarks are visible, axe finds
 * no serious or critical violation, and nothing overflows the viewport sideways.
 */
export abstract class Screen {
  readonly shell: AppShell;

  constructor(
    readonly page: Page,
    readonly slug = "",
  ) {
    this.shell = new AppShell(page);
  }

  /** The workspace's base path, `/w/<slug>`. */
  protected get base(): string {
    if (!this.slug) throw new Error(`${this.constructor.name} needs the workspace slug`);
    return `/w/${this.slug}`;
  }

  protected async settled(...visible: Locator[]) {
    for (const l of visible) await expect(l).toBeVisible();
    // Nothing is still loading when the checks run.
    await expect(this.page.getByText("Loading…", { exact: true })).toHaveCount(0);
    await expectAccessible(this.page);
    await expectNoHorizontalOverflow(this.page);
  }

  heading(name: string | RegExp) {
    return this.page.getByRole("heading", { level: 1, name });
  }
}
