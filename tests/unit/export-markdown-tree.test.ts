import { describe, expect, it } from "vitest";
import { citationNumbers } from "../../server/export/citation-order.ts";
import { briefingMarkdown } from "../../server/export/markdown-export.ts";
import { citedEventsCsv } from "../../server/export/csv-export.ts";
import { exportFileName, slugOf } from "../../server/export/export-file.ts";
import {
  breakable,
  CitationNumbering,
  isRtl,
  markdownToBlocks,
  type Block,
  type Inline,
} from "../../server/export/markdown-tree.ts";
import { buildPdfData } from "../../server/export/pdf-data.ts";
import { makeBriefingDocument } from "../helpers/briefing-document.ts";

/** Markdown → the data tree the Typst template renders, and how citations are numbered. */

const known = new Set(["event:e1", "event:e2", "source:s1"]);
const numbering = () => new CitationNumbering((r) => known.has(`${r.kind}:${r.id}`));
const tree = (md: string, n = numbering()) => markdownToBlocks(md, n);
const text = (v: string): Inline => ({ t: "text", v });

describe("Markdown to tree", () => {
  it("keeps paragraphs, headings, emphasis, strong, strikethrough, code, breaks and rules", () => {
    expect(tree("# Title\n\nSome *em* and **strong** and ~~gone~~ and `x = 1`  \nnext\n\n---")).toEqual([
      { t: "h", level: 1, c: [text("Title")], rtl: false },
      {
        t: "p",
        rtl: false,
        c: [
          text("Some "),
          { t: "em", c: [text("em")] },
          text(" and "),
          { t: "strong", c: [text("strong")] },
          text(" and "),
          { t: "del", c: [text("gone")] },
          text(" and "),
          { t: "code", v: "x = 1" },
          { t: "br" },
          text("next"),
        ],
      },
      { t: "hr" },
    ]);
  });

  it("keeps lists (ordered with their start, task items as text), quotes, code blocks and tables", () => {
    const blocks = tree(
      "3. three\n4. four\n\n- [x] done\n- [ ] open\n\n> quoted\n\n```js\nlet a = `#x`;\n```\n\n| a | b |\n|:-|-:|\n| 1 | 2 |",
    );
    expect(blocks[0]).toEqual({
      t: "list",
      ordered: true,
      start: 3,
      items: [[{ t: "p", c: [text("three")], rtl: false }], [{ t: "p", c: [text("four")], rtl: false }]],
    });
    expect(blocks[1]).toMatchObject({
      t: "list",
      ordered: false,
      items: [[{ c: [text("[x] "), text("done")] }], [{ c: [text("[ ] "), text("open")] }]],
    });
    expect(blocks[2]).toEqual({ t: "quote", c: [{ t: "p", c: [text("quoted")], rtl: false }] });
    expect(blocks[3]).toEqual({ t: "code", v: "let a = `#x`;" });
    expect(blocks[4]).toEqual({
      t: "table",
      align: ["left", "right"],
      rows: [
        [
          { c: [text("a")], rtl: false },
          { c: [text("b")], rtl: false },
        ],
        [
          { c: [text("1")], rtl: false },
          { c: [text("2")], rtl: false },
        ],
      ],
    });
  });

  it("shows links and images as text with their URL, never as something to fetch", () => {
    const [p] = tree(
      "[Reuters](https://reuters.com/x) ![map of Herat](https://evil.example/map.png) <https://example.org/a> [ref][r]\n\n[r]: https://example.org/ref",
    ) as [Extract<Block, { t: "p" }>];
    expect(p.c).toEqual([
      { t: "link", c: [text("Reuters")], url: "https://reuters.com/x" },
      text(" "),
      text("[Image: map of Herat — https://evil.example/map.png]"),
      text(" "),
      { t: "link", c: [text("https://example.org/a")], url: "" },
      text(" "),
      { t: "link", c: [text("ref")], url: "https://example.org/ref" },
    ]);
  });

  it("keeps HTML as the literal text typed", () => {
    expect(tree("<script>alert(1)</script>\n\nA <b>bold</b> claim")).toEqual([
      { t: "p", c: [text("<script>alert(1)</script>")], rtl: false },
      { t: "p", c: [text("A "), text("<b>"), text("bold"), text("</b>"), text(" claim")], rtl: false },
    ]);
  });

  it("sets each paragraph right-to-left when most of its letters are Persian or Arabic, as the web does", () => {
    expect(isRtl("محمدجواد ظریف met the delegation")).toBe(false);
    expect(isRtl("2015: محمدجواد ظریف")).toBe(true);
    expect(isRtl("Zarif (ظریف) met them")).toBe(false);
    expect(isRtl("Tayyab Agha گفت که گفت‌وگو با هیئت در تهران ادامه دارد")).toBe(true);
    expect(tree("گفت‌وگو ادامه دارد\n\nEnglish")).toMatchObject([{ rtl: true }, { rtl: false }]);
  });

  it("isolates the other script's runs inside a paragraph, headings and table cells included", () => {
    const [persian, english, heading, table] = tree(
      [
        "Tayyab Agha (طیب آغا) گفت که گفت‌وگو با **Baradar** در تهران ادامه خواهد داشت.",
        "The envoy محمدجواد ظریف (Zarif) said the talks would go on.",
        "## گزارش Reuters از تهران",
        "| a |\n|---|\n| طیب آغا در تهران، Kabul |",
      ].join("\n\n"),
    );
    expect(persian).toEqual({
      t: "p",
      rtl: true,
      c: [
        text("\u2066Tayyab Agha\u2069 (طیب آغا) گفت که گفت‌وگو با "),
        { t: "strong", c: [text("\u2066Baradar\u2069")] },
        text(" در تهران ادامه خواهد داشت."),
      ],
    });
    expect(english).toEqual({
      t: "p",
      rtl: false,
      c: [text("The envoy \u2067محمدجواد ظریف\u2069 (Zarif) said the talks would go on.")],
    });
    expect(heading).toMatchObject({ t: "h", rtl: true, c: [text("گزارش \u2066Reuters\u2069 از تهران")] });
    expect(table).toMatchObject({
      t: "table",
      rows: [[{ rtl: false }], [{ rtl: true, c: [text("طیب آغا در تهران، \u2066Kabul\u2069")] }]],
    });
  });

  it("flattens deep nesting so the template's recursion stays shallow", () => {
    const [outer] = tree(`${"> ".repeat(40)}deep`);
    let depth = 0;
    let node: Block | undefined = outer;
    while (node?.t === "quote") {
      depth++;
      node = node.c[0];
    }
    expect(depth).toBeLessThanOrEqual(8);
    expect(node).toEqual({ t: "p", c: [text("deep")], rtl: false });
  });

  it("gives 10,000-character words break opportunities and leaves emoji as written", () => {
    const word = "x".repeat(10_000);
    const out = breakable(word);
    expect(out.replace(/\u200B/g, "")).toBe(word);
    expect(Math.max(...out.split("\u200B").map((s) => s.length))).toBeLessThanOrEqual(48);
    expect(breakable("flag 🇮🇷 ok")).toBe("flag 🇮🇷 ok");
    expect(breakable("© 2015 — ظریف")).toBe("© 2015 — ظریف");
  });
});

describe("citations", () => {
  it("numbers citations by first appearance, repeats the number, and flags what the export does not have", () => {
    const n = numbering();
    const [p] = tree("Met [@event:e2] twice [@event:e2], reported [@source:s1][@event:e1] and [@event:gone].", n) as [
      Extract<Block, { t: "p" }>,
    ];
    expect(p.c).toEqual([
      text("Met"),
      { t: "cite", n: 1, first: true },
      text(" twice"),
      { t: "cite", n: 1, first: false },
      text(", reported"),
      { t: "cite", n: 2, first: true },
      { t: "sep" },
      { t: "cite", n: 3, first: true },
      text(" and"),
      { t: "missing", kind: "event" },
      text("."),
    ]);
    expect(n.order).toEqual([
      { kind: "event", id: "e2" },
      { kind: "source", id: "s1" },
      { kind: "event", id: "e1" },
    ]);
  });

  it("leaves tokens in code as typed and survives Markdown syntax around them", () => {
    const n = numbering();
    const blocks = tree(
      "`[@event:e1]` and _[@event:e2]_ and [[@source:s1]](https://x.example)\n\n```\n[@event:e1]\n```",
      n,
    );
    expect(blocks[0]).toMatchObject({
      c: [
        { t: "code", v: "[@event:e1]" },
        text(" and "),
        { t: "em", c: [{ t: "cite", n: 1 }] },
        text(" and "),
        { t: "link", c: [{ t: "cite", n: 2 }] },
      ],
    });
    expect(blocks[1]).toEqual({ t: "code", v: "[@event:e1]" });
  });

  it("numbers the summary first, then key judgments (statement, then supporting events and sources), then the body", () => {
    const doc = makeBriefingDocument({ events: 4, sources: 3 });
    const data = buildPdfData(doc);
    const { order } = citationNumbers(doc);
    expect(order.slice(0, 4)).toEqual([
      { kind: "event", id: "evt001" },
      { kind: "event", id: "evt002" },
      { kind: "source", id: "src001" },
      { kind: "source", id: "src002" },
    ]);
    expect(data.notes).toHaveLength(order.length);
    expect(data.notes[0]).toMatchObject({ kind: "event", date: "c. 1998", rating: "not rated" });
    expect(data.notes[2]).toMatchObject({ kind: "source", reliability: "A (Completely reliable)" });
    // Long URLs get break opportunities, nothing else.
    expect((data.notes[2] as { url: string }).url.replace(/\u200B/g, "")).toBe(
      "https://www.example.org/news/2001/iran-taliban-report-1",
    );
    expect(data.judgments[0]!.statement.filter((i) => i.t === "cite")).toEqual([
      { t: "cite", n: 1, first: false },
      { t: "cite", n: 2, first: true },
      { t: "cite", n: 3, first: true },
    ]);
    expect(data.judgments[0]).toMatchObject({
      term: "Very likely",
      range: "80–95 %",
      confidence: "Moderate confidence",
    });
  });

  it("uses the same numbers in the Markdown export, with footnote definitions", () => {
    const md = briefingMarkdown(makeBriefingDocument({ events: 4, sources: 3 }), "77");
    expect(md).toContain("since the late 1990s [^1], mixing");
    expect(md).toContain(
      "1. Tehran will keep direct channels to the Taliban open.[^1][^2][^3] — *Very likely (80–95 %)*, moderate confidence.",
    );
    expect(md).toContain(
      "[^3]: Source: Report 1 on contacts between Tehran and the Taliban, Reuters. 1 March 2001. <https://www.example.org/news/2001/iran-taliban-report-1>. Reliability A (Completely reliable).",
    );
    expect(md).toContain(
      "| c. 1998 | Tehran: meeting 1 between Iranian officials and a Taliban delegation | – (contested) |",
    );
    expect(md).toContain("- Briefing: `brf_fixture`, version 2, save 7, revision 77 (approved publication)");
    expect(md).toContain("- Event `evt001` version 1, revision 5000");
  });

  it("names the version people know, never the save counter, in the header", () => {
    const published = briefingMarkdown(makeBriefingDocument({ events: 1, sources: 1 }), "77");
    expect(published).toContain("- Version: 2\n");
    const draft = briefingMarkdown(makeBriefingDocument({ events: 1, sources: 1, published: false }), null);
    expect(draft).toContain("- Version: Draft of version 2\n");
    expect(draft).not.toMatch(/- Version: 7/);
    const pdf = buildPdfData(makeBriefingDocument({ events: 1, sources: 1, published: false }));
    expect(pdf.version).toBe("Draft of version 2");
    expect(pdf.manifest.version).toBe("Draft of version 2, save 7");
  });
});

describe("CSV and file names", () => {
  it("writes the cited events in date order, defusing spreadsheet formulas", () => {
    const doc = makeBriefingDocument({ events: 3, sources: 3 });
    doc.cited.events[1]!.title = '=HYPERLINK("https://evil.example","click")';
    const csv = citedEventsCsv(doc);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Date,Event,Rating,Contested,Status,Sources,Summary,Event id,Version,Revision id");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^c\. 1998,Tehran: meeting 1/);
    expect(lines[2]).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
  });

  it("names the file after the title and the publication date", () => {
    const doc = makeBriefingDocument();
    expect(exportFileName(doc, "pdf")).toBe("iran-and-the-taliban-pragmatic-contacts-since-1998-2026-11-20.pdf");
    expect(exportFileName({ ...doc, published: false, publishedAt: null }, "md")).toBe(
      "iran-and-the-taliban-pragmatic-contacts-since-1998-2026-11-21.md",
    );
    expect(slugOf("روابط ایران و طالبان")).toBe("briefing");
    expect(slugOf('Café "quotes"\r\nHeader-Injection: x')).toBe("cafe-quotes-header-injection-x");
  });
});
