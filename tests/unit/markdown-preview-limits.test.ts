import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "../../components/ui/markdown.tsx";

/**
 * The Markdown shown in pages and in the editor's live preview: a hostile
 * text must neither overflow the stack nor hold the page, and must still be
 * readable. Beyond the shape limits it is shown as plain text with the reason;
 * within them, runaway inline nesting is flattened before rendering.
 */
const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));
const count = (html: string, tag: string) => html.split(`<${tag}`).length - 1;

/** How deeply the rendered elements nest. */
function depth(html: string): number {
  let d = 0;
  let max = 0;
  for (const m of html.matchAll(/<(\/?)[a-z][^>]*?(\/?)>/g)) {
    if (m[1]) d--;
    else if (!m[2]) max = Math.max(max, ++d);
  }
  return max;
}

describe("the Markdown view of hostile text", () => {
  it("shows a list nested 3,000 deep as plain text, saying why", () => {
    const html = render(`${"- ".repeat(3000)}list`);
    expect(html).toContain("Shown without formatting.");
    expect(html).toContain("nested more than 16 levels deep (line 1)");
    expect(html).toContain(`${"- ".repeat(3000)}list`);
    expect(count(html, "ul")).toBe(0);
  });

  it("shows quotes nested 5,000 deep and a paragraph of 100,000 emphasis marks as plain text", () => {
    for (const source of [`${"> ".repeat(5000)}quote`, "*a* ".repeat(100_000)]) {
      const html = render(source);
      expect(html).toContain("Shown without formatting.");
      expect(count(html, "blockquote") + count(html, "em")).toBe(0);
    }
  });

  it("renders emphasis nested 500 deep with its nesting cut short and every letter kept", () => {
    const html = render(`${"*".repeat(1000)}deep${"*".repeat(1000)}`);
    expect(html).not.toContain("Shown without formatting.");
    expect(count(html, "strong") + count(html, "em")).toBeGreaterThan(10);
    expect(depth(html)).toBeLessThanOrEqual(50);
    expect(html).toContain("deep");
  });

  it("renders links within emphasis within links, deeply, without failing", () => {
    const html = render(`${"*[".repeat(500)}x${"](https://example.org)*".repeat(500)}`);
    expect(html).toContain("x");
    expect(count(html, "em")).toBeGreaterThan(10);
    expect(depth(html)).toBeLessThanOrEqual(50);
  });

  it("leaves ordinary Markdown as it was", () => {
    const html = render("# Title\n\n- one\n  - two\n    - three\n\n> quoted *emphasis* and **strong**");
    expect(count(html, "ul")).toBe(3);
    expect(html).toContain("<em>emphasis</em>");
    expect(html).toContain("<strong>strong</strong>");
    expect(html).not.toContain("Shown without formatting.");
  });
});
