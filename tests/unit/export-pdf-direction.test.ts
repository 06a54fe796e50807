import { describe, expect, it } from "vitest";
import { compilePdf } from "../../server/export/compile.ts";
import { buildPdfData } from "../../server/export/pdf-data.ts";
import { makeBriefingDocument } from "../helpers/briefing-document.ts";
import { pdfLines, type PdfLine } from "../helpers/pdf-text.ts";

/**
 * Mixed Persian and English on paper, laid out as the web lays it out: each
 * paragraph takes the direction of most of its letters (not of its first
 * one), and the other script's words stay together in their own order. Read
 * from where poppler finds each word on the page.
 */

// Opens with an English name but is mostly Persian: right to left.
const MOSTLY_PERSIAN = "Tayyab Agha (طیب آغا) گفت که گفت‌وگو با هیئت در تهران ادامه دارد.";
// Opens with a Persian name but is mostly English: left to right.
const MOSTLY_ENGLISH = "محمدجواد ظریف met the Taliban delegation in Tehran on Monday.";

/** The line holding a word, and where the body's text column starts and ends on that page. */
function lineWith(lines: PdfLine[], word: string) {
  const line = lines.find((l) => l.words.some((w) => w.text === word));
  expect(line, `a line with "${word}"`).toBeDefined();
  const page = lines.filter((l) => l.page === line!.page);
  return {
    line: line!,
    left: Math.min(...page.map((l) => l.xMin)),
    right: Math.max(...page.map((l) => l.xMax)),
    at: (w: string) => line!.words.find((x) => x.text === w)!,
  };
}

describe("paragraph direction in the PDF", () => {
  it("sets a mostly Persian paragraph right to left even when it opens with an English name, and the reverse", async () => {
    const doc = makeBriefingDocument({ events: 1, sources: 1, body: `${MOSTLY_PERSIAN}\n\n${MOSTLY_ENGLISH}\n` });
    const { pdf } = await compilePdf(buildPdfData(doc));
    const lines = pdfLines(pdf);

    // Right to left: the line ends at the right edge of the column and starts well inside it;
    // the English name is at its start (the right), its two words in their own order.
    const rtl = lineWith(lines, "Tayyab");
    expect(rtl.right - rtl.line.xMax).toBeLessThan(2);
    expect(rtl.line.xMin - rtl.left).toBeGreaterThan(100);
    expect(rtl.at("Tayyab").xMax).toBeLessThan(rtl.at("Agha").xMin);
    expect(Math.max(...rtl.line.words.map((w) => w.xMax))).toBe(rtl.at("Agha").xMax);

    // Left to right: starts at the left edge with the Persian name, then the English words in order.
    const ltr = lineWith(lines, "met");
    expect(ltr.line.xMin - ltr.left).toBeLessThan(2);
    expect(ltr.right - ltr.line.xMax).toBeGreaterThan(100);
    const persian = ltr.line.words.filter((w) => /[\u0600-\u06FF]/.test(w.text));
    expect(persian).toHaveLength(2);
    for (const p of persian) expect(p.xMax).toBeLessThan(ltr.at("met").xMin);
    expect(ltr.at("met").xMax).toBeLessThan(ltr.at("Taliban").xMin);
    expect(ltr.at("Taliban").xMax).toBeLessThan(ltr.at("Monday.").xMin);
  }, 60_000);

  it("lays out an event title in the chronology by the same rule", async () => {
    const doc = makeBriefingDocument({ events: 1, sources: 1 });
    doc.cited.events[0]!.title = MOSTLY_PERSIAN;
    const data = buildPdfData(doc);
    expect(data.chronology[0]!.title.rtl).toBe(true);
    expect(data.chronology[0]!.title.v).toBe(MOSTLY_PERSIAN.replace("Tayyab Agha", "\u2066Tayyab Agha\u2069"));
    const lines = pdfLines((await compilePdf(data)).pdf);
    // In the chronology's event column the title is set right to left: the English name at the right.
    const title = lines.filter((l) => l.words.some((w) => w.text === "Tayyab")).at(-1)!;
    const tayyab = title.words.find((w) => w.text === "Tayyab")!;
    const agha = title.words.find((w) => w.text === "Agha")!;
    expect(tayyab.xMax).toBeLessThan(agha.xMin);
    expect(Math.max(...title.words.map((w) => w.xMax))).toBe(agha.xMax);
  }, 60_000);
});
