import { expect, type Locator } from "@playwright/test";
import { Screen } from "./screen";

/** The timeline: the chronology's events drawn at their precision, above the list they filter. */
export class TimelinePage extends Screen {
  async goto(query = "") {
    await this.page.goto(`${this.base}/timeline${query}`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await this.settled(this.heading("Timeline"), this.chart());
    await expect(this.events().or(this.page.getByText(/^No events/))).toBeVisible();
  }

  /** The drawing (an SVG made by the shared drawing code). */
  chart() {
    return this.page.getByTestId("timeline");
  }

  /** An event's mark: a link named by its title, date and rating. */
  mark(title: string | RegExp) {
    return this.chart().getByRole("link", { name: title });
  }

  /** The drawn group of an event's mark, which carries its geometry in data-* attributes. */
  shape(title: string | RegExp): Locator {
    return this.mark(title).locator("g.tl-event");
  }

  /** The geometry of a mark as drawn: shape, x1/x2 (its whole extent) and core1/core2 (the solid part). */
  async geometry(title: string | RegExp) {
    const g = this.shape(title);
    const num = async (name: string) => Number(await g.getAttribute(`data-${name}`));
    return {
      shape: await g.getAttribute("data-shape"),
      x1: await num("x1"),
      x2: await num("x2"),
      core1: await num("core1"),
      core2: await num("core2"),
      circles: await g.locator("circle").count(),
      fades: await g.locator("[data-part^=fade]").count(),
    };
  }

  /** Drags across the drawing from one x to another (in the drawing's own units). */
  async brush(fromX: number, toX: number) {
    const box = (await this.chart().boundingBox())!;
    const width = Number(await this.chart().getAttribute("width"));
    const scale = box.width / width;
    const y = box.y + 10;
    await this.page.mouse.move(box.x + fromX * scale, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + ((fromX + toX) / 2) * scale, y, { steps: 4 });
    await this.page.mouse.move(box.x + toX * scale, y, { steps: 4 });
    await this.page.mouse.up();
  }

  /** A density band: a button named by its count and period ("312 events, March 2011 — zoom in"). */
  band(name: string | RegExp = /— zoom in$/) {
    return this.chart().getByRole("button", { name });
  }

  /** The band counting the most events. */
  async busiestBand(): Promise<Locator> {
    const bands = this.chart().locator("g.tl-band");
    const counts = await bands.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-count"))));
    expect(counts.length, "density bands are drawn").toBeGreaterThan(0);
    return bands.nth(counts.indexOf(Math.max(...counts)));
  }

  /**
   * Every drawn title that covers a mark (its own or another's) or another title, as the browser laid them
   * out (getBoundingClientRect); half a pixel of touching is not covering.
   */
  async coveredLabels(): Promise<string[]> {
    return this.chart().evaluate((svg) => {
      const titles = [...svg.querySelectorAll("[data-part=title]")];
      const marks = [...svg.querySelectorAll("g.tl-event")];
      const meet = (a: DOMRect, b: DOMRect) =>
        a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
      const out: string[] = [];
      titles.forEach((t, i) => {
        const box = t.getBoundingClientRect();
        for (const m of marks)
          if (meet(box, m.getBoundingClientRect()))
            out.push(`"${t.textContent}" covers the mark of ${m.getAttribute("data-event-id")}`);
        for (const o of titles.slice(i + 1))
          if (meet(box, o.getBoundingClientRect())) out.push(`"${t.textContent}" covers "${o.textContent}"`);
      });
      return out;
    });
  }

  events() {
    return this.page.getByRole("list", { name: "Events" });
  }

  listed(title: string | RegExp) {
    return this.events().getByRole("link", { name: title });
  }

  button(name: string) {
    return this.page.getByRole("button", { name, exact: true });
  }
}
