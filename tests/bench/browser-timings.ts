import { percentile, type BenchRow } from "./bench-kit.ts";

/**
 * Time to usable in Chromium: from navigation start (the Performance API's
 * time origin) to the first animation frame in which the page's main content
 * is in the DOM and laid out, read inside the page with performance.now().
 * One visit warms the server and the HTTP cache is disabled afterwards, so
 * each measured visit loads every script again, as a first visit does.
 */
export async function browserTimings(
  base: string,
  cookie: string,
  pages: { name: string; path: string; ready: string; minText?: number }[],
  visits = 5,
): Promise<BenchRow[]> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  const rows: BenchRow[] = [];
  try {
    const context = await browser.newContext();
    await context.addCookies(
      cookie.split(/;\s*/).map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: base };
      }),
    );
    for (const p of pages) {
      const ms: number[] = [];
      for (let i = 0; i <= visits; i++) {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
        await page.goto(base + p.path, { waitUntil: "commit" });
        const handle = await page.waitForFunction(
          ({ selector, minText }) => {
            const el = document.querySelector(selector);
            if (!el || el.getBoundingClientRect().height === 0) return null;
            if ((el.textContent ?? "").length < minText) return null;
            return performance.now();
          },
          { selector: p.ready, minText: p.minText ?? 1 },
          { polling: "raf", timeout: 60_000 },
        );
        const t = (await handle.jsonValue()) as number;
        if (i > 0) ms.push(t);
        await page.close();
      }
      rows.push({
        metric: `  Chromium: ${p.name}, navigation start → main content visible: p50 / max of ${visits}`,
        value: `${Math.round(percentile(ms, 0.5))} / ${Math.round(Math.max(...ms))} ms`,
        target: "≤ 1.5 s",
      });
    }
  } finally {
    await browser.close();
  }
  return rows;
}
