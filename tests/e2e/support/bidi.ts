import type { Locator } from "@playwright/test";

/** The direction the browser laid an element out in ("ltr" or "rtl"), after `dir="auto"` is resolved. */
export function directionOf(locator: Locator): Promise<string> {
  return locator.evaluate((el) => getComputedStyle(el).direction);
}

/** The texts of the isolated runs (`<bdi>`) inside an element. */
export function isolatedRuns(locator: Locator): Promise<string[]> {
  return locator.locator("bdi").allInnerTexts();
}
