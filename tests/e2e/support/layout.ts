import { expect, test, type Page } from "@playwright/test";

/**
 * Nothing on the screen is wider than the viewport: a phone user never has to
 * scroll sideways. Names the widest offenders when it fails.
 */
export async function expectNoHorizontalOverflow(page: Page) {
  // A mobile browser zooms out to fit content wider than the screen, which widens window.innerWidth
  // with it; the device's own width is what the user has.
  const device = page.viewportSize()?.width ?? Infinity;
  const measured = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  const scrollWidth = measured.scrollWidth;
  const innerWidth = Math.min(measured.innerWidth, device);
  if (scrollWidth <= innerWidth) return;
  await test.step("no horizontal overflow", async () => {
    const offenders = await page.evaluate((width) => {
      const found: string[] = [];
      for (const el of document.body.querySelectorAll<HTMLElement>("*")) {
        const r = el.getBoundingClientRect();
        // Report the outermost offenders: skip those inside one already named.
        if (r.width > 0 && r.right > width + 1 && !el.parentElement?.closest("[data-overflow-reported]")) {
          el.setAttribute("data-overflow-reported", "");
          const cls = typeof el.className === "string" ? el.className.trim().split(/\s+/).slice(0, 4).join(".") : "";
          found.push(`<${el.tagName.toLowerCase()} class="${cls}"> right edge at ${Math.round(r.right)} px`);
        }
      }
      for (const el of document.querySelectorAll("[data-overflow-reported]"))
        el.removeAttribute("data-overflow-reported");
      return found.slice(0, 6);
    }, innerWidth);
    expect(
      scrollWidth,
      `The page is ${scrollWidth} px wide in a ${innerWidth} px viewport. Too wide:\n  ${offenders.join("\n  ")}`,
    ).toBeLessThanOrEqual(innerWidth);
  });
}
