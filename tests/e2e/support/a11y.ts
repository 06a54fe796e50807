import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/** Impacts that fail a test. Minor and moderate findings are reported as annotations only. */
const BLOCKING = new Set(["serious", "critical"]);

/**
 * Screens already checked in this run, by shape. A screen's shape is its
 * route (ids left out), the viewport's width and the set of distinct
 * element kinds on it (tag, role, classes, whether it is labelled) — not its
 * text. The same screen showing other records is skipped; the same screen in
 * another state (a dialog, an error, another badge colour, the phone menu) is
 * checked again. E2E_AXE=every checks on every call; E2E_AXE=report lists
 * violations (test annotations and the console) without failing, to survey a
 * screen before fixing it.
 *
 * Workers share what they checked through AXE_CHECKED_DIR (one empty file per
 * shape, emptied when the run starts: global-setup.ts), so a screen both
 * workers visit is checked once per run rather than once per worker.
 */
export const AXE_CHECKED_DIR = path.resolve(".data/e2e-axe-checked");
const checked = new Set<string>();
const markerOf = (shape: string) => path.join(AXE_CHECKED_DIR, createHash("sha1").update(shape).digest("hex"));
const alreadyChecked = (shape: string) => checked.has(shape) || existsSync(markerOf(shape));
function markChecked(shape: string) {
  checked.add(shape);
  mkdirSync(AXE_CHECKED_DIR, { recursive: true });
  writeFileSync(markerOf(shape), "");
}

async function shapeOf(page: Page): Promise<string> {
  const { route, width, kinds } = await page.evaluate(() => {
    const kinds = new Set<string>();
    for (const el of document.body.querySelectorAll("*")) {
      const labelled = el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby") ? "L" : "";
      kinds.add(`${el.tagName}|${el.getAttribute("role") ?? ""}|${el.getAttribute("class") ?? ""}|${labelled}`);
    }
    return { route: location.pathname, width: window.innerWidth, kinds: [...kinds].sort() };
  });
  const pattern = route.replace(/\/w\/[^/]+/, "/w/:slug").replace(/\/c[a-z0-9]{20,}/g, "/:id");
  return `${pattern}@${width}#${createHash("sha1").update(kinds.join("\n")).digest("hex")}`;
}

/**
 * Runs axe (WCAG 2.x A/AA and axe's best practices) on what the page shows
 * now and fails on any serious or critical violation, naming the rule, the
 * elements and how to fix them. Page objects call this from `expectLoaded()`;
 * call it yourself after opening a dialog or a menu the page object does not know.
 *
 * `exclude` takes CSS selectors to leave out (e.g. third-party content); use sparingly.
 */
export async function expectAccessible(page: Page, opts: { exclude?: string[] } = {}) {
  // Every screen has a title. After a client-side navigation (a filter written into the address) the router sets it
  // again a moment after the content; axe run in that moment reports a document without one.
  await expect(page, "the screen has a title").toHaveTitle(/\S/);
  const shape = await shapeOf(page);
  const screen = shape.split("#")[0]!;
  if (process.env.E2E_AXE !== "every" && alreadyChecked(shape)) return;
  await test.step(`axe: ${screen}`, async () => {
    // Legacy mode runs axe in the page itself; the default opens a second page per run to merge frame results, and this app has no frames.
    let builder = new AxeBuilder({ page }).setLegacyMode(true);
    for (const selector of opts.exclude ?? []) builder = builder.exclude(selector);
    let { violations } = await builder.analyze();
    let moved = false;
    // The title was there a moment ago (checked above), so its absence now means a navigation began meanwhile (the
    // router drops the old title before it sets the new one): check again once the page has its title back.
    if (violations.some((v) => v.id === "document-title")) {
      await expect(page, "the screen has a title").toHaveTitle(/\S/);
      moved = true;
      ({ violations } = await builder.analyze());
    }
    const blocking = violations.filter((v) => BLOCKING.has(v.impact ?? ""));
    const minor = violations.filter((v) => !BLOCKING.has(v.impact ?? ""));
    if (minor.length)
      test.info().annotations.push({
        type: "axe (minor)",
        description: `${screen}: ${minor.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(", ")}`,
      });
    const report = blocking
      .map(
        (v) =>
          `• ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n` +
          v.nodes
            .slice(0, 5)
            .map((n) => `    ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ")}`)
            .join("\n"),
      )
      .join("\n");
    if (process.env.E2E_AXE === "report" && blocking.length) {
      console.log(`[axe] ${screen}\n${report}`);
      test.info().annotations.push({ type: "axe", description: `${screen}: ${blocking.map((v) => v.id).join(", ")}` });
      return;
    }
    expect(
      blocking.map((v) => v.id),
      `Serious or critical accessibility violations on ${screen}:\n${report}`,
    ).toEqual([]);
    // After a navigation the screen checked is another one than `shape` describes; it is checked again when visited.
    if (!moved) markChecked(shape);
  });
}
