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
  pages: { name: string; path: string; ready: string; minText?: number; breakdown?: boolean }[],
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
      const steps: Step[][] = [];
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
        if (i > 0) {
          ms.push(t);
          if (p.breakdown)
            steps.push([
              ...(await page.evaluate<Step[]>(whereTheTimeWent)),
              { what: "main content visible", start: t, end: t },
            ]);
        }
        await page.close();
      }
      rows.push({
        metric: `  Chromium: ${p.name}, navigation start → main content visible: p50 / max of ${visits}`,
        value: `${Math.round(percentile(ms, 0.5))} / ${Math.round(Math.max(...ms))} ms`,
        target: "≤ 1.5 s",
      });
      if (p.breakdown && steps.length) {
        // The visit whose time was the median's, step by step.
        const order = ms.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0]);
        const median = steps[order[Math.floor((order.length - 1) / 2)]![1]]!;
        for (const s of median)
          rows.push({
            metric: `    ${s.what}`,
            value: `${Math.round(s.start)} → ${Math.round(s.end)} ms`,
            target: "",
          });
      }
    }
  } finally {
    await browser.close();
  }
  return rows;
}

type Step = { what: string; start: number; end: number };

/**
 * Runs in the page: the document, its scripts and styles (as one span each)
 * and every API call, from the Performance API's entries, so a slow load
 * shows whether the time went to the server's HTML, to JavaScript, or to a
 * chain of queries sent one after another. A string, not a function: tsx
 * wraps named functions in a helper the page does not have.
 */
const whereTheTimeWent = `(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const out = [];
  if (nav) {
    out.push({ what: "document (request → last byte of HTML)", start: nav.requestStart, end: nav.responseEnd });
    out.push({ what: "DOMContentLoaded", start: nav.domContentLoadedEventStart, end: nav.domContentLoadedEventEnd });
  }
  const resources = performance.getEntriesByType("resource");
  const groups = [
    ["scripts", resources.filter((r) => r.initiatorType === "script" || /\\.js(\\?|$)/.test(r.name))],
    ["styles", resources.filter((r) => /\\.css(\\?|$)/.test(r.name))],
  ];
  for (const [what, list] of groups) {
    if (!list.length) continue;
    const bytes = list.reduce((n, r) => n + (r.encodedBodySize || 0), 0);
    out.push({
      what: what + ": " + list.length + " files, " + Math.round(bytes / 1024) + " KiB on the wire",
      start: Math.min(...list.map((r) => r.startTime)),
      end: Math.max(...list.map((r) => r.responseEnd)),
    });
  }
  for (const r of resources) {
    const url = new URL(r.name);
    if (!url.pathname.startsWith("/api/")) continue;
    const what = url.pathname.startsWith("/api/trpc/") ? url.pathname.slice(10) : url.pathname;
    out.push({ what: "fetch " + what.slice(0, 90), start: r.startTime, end: r.responseEnd });
  }
  return out.sort((a, b) => a.start - b.start);
})()`;
