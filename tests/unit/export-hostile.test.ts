import { readFileSync } from "node:fs";
import path from "node:path";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import { describe, expect, it } from "vitest";
import { compilePdf } from "../../server/export/compile.ts";
import { ExportLimitError } from "../../server/export/limits.ts";
import { buildPdfData } from "../../server/export/pdf-data.ts";
import { makeBriefingDocument, makeSources } from "../helpers/briefing-document.ts";
import { pdfFonts, pdfPages, plain } from "../helpers/pdf-text.ts";

/**
 * A briefing written to break the exporter: Typst markup, HTML and script,
 * Markdown edge cases, emoji, invisible characters, a 10,000-character word,
 * thousands of footnotes and image URLs. It must compile, show what was typed,
 * read no file and fetch nothing; exports past the limits are refused clearly.
 */

const HOSTILE = [
  "# Heading #set text(fill: red) and $x^2$ // not a comment /* nor this */",
  'Typst: #read("/etc/passwd") #import "/etc/passwd": * #include "/etc/hostname" #eval("1 + 1")',
  "Brackets [open ]close [[nested]] <label> @ref \\\\ one backslash, \\\\\\\\ two, a trailing \\",
  '#let x = 1; #x #{ panic() } `#read("/etc/passwd")` and *unclosed _emphasis',
  "<script>alert('x')</script> <img src=\"https://evil.example/x.png\"> <!-- comment -->",
  "![tracking pixel](https://evil.example/pixel.png) [a link](javascript:alert(1)) <https://example.org/auto>",
  "Emoji 🇮🇷 👩‍👩‍👧 🏳️‍🌈 zero\u200Bwidth non\u200Cjoiner joiner\u200Dhere bidi \u202Eesrever\u202C isolate \u2066iso\u2069 mark\u200F.",
  `W${"x".repeat(10_000)}Z`,
  '```typst\n#read("/etc/passwd")\n$ sum_(i=0)^n i $\n```',
  `${"> ".repeat(30)}deep quote`,
  `${"- ".repeat(30)}deep list`,
  "| #table | $math$ |\n|---|---|\n| <td> | `]` |",
  "1) odd list\n\n* * *\n\n___\n\nSetext\n===\n\n    indented code #x",
  "Line with trailing spaces  \nand a hard break; &amp; &lt;b&gt; &#x202E; entities",
  "ظریف گفت: «#read» [@event:missing] `$` — فارسی با # و $",
].join("\n\n");

/** Characters in the text, ignoring layout: line breaks, hyphenation added at breaks, invisible marks. */
const flat = (pages: string[]) => plain(pages.join("\n"));

describe("hostile briefing", () => {
  it("compiles, shows every hostile string literally, reads no file and uses only the npm fonts", async () => {
    const doc = makeBriefingDocument({ events: 3, sources: 3, body: HOSTILE });
    doc.title = 'Title #read("/etc/passwd") $ [x] <y> @z \\ 🇮🇷';
    const { pdf, pages } = await compilePdf(buildPdfData(doc, { revisionId: "1" }));
    expect(pages).toBeGreaterThan(1);
    const text = pdfPages(pdf);
    const all = flat(text);
    for (const literal of [
      "#set text(fill: red) and $x^2$ // not a comment /* nor this */",
      '#read("/etc/passwd") #import "/etc/passwd": * #include "/etc/hostname" #eval("1 + 1")',
      "[open ]close [[nested]] <label> @ref",
      "#let x = 1; #x #{ panic() }",
      "<script>alert('x')</script>",
      '<img src="https://evil.example/x.png">',
      "[Image: tracking pixel — https://evil.example/pixel.png]",
      "javascript:alert(1)",
      "Emoji 🇮🇷 👩‍👩‍👧",
      "$ sum_(i=0)^n i $",
      "| #table | $math$ |".slice(2, 8),
      "deep quote",
      "deep list",
      "indented code #x",
      "&amp; &lt;b&gt;".replace("&amp;", "&").replace("&lt;b&gt;", "<b>"),
      "[event not available]",
      'Title #read("/etc/passwd") $ [x] <y> @z \\',
    ]) {
      expect(all, literal).toContain(literal);
    }
    // The 10,000-character word is all there, wrapped over lines (and pages).
    const wordLines = all
      .split("\n")
      .map((l) => /^\s*(W?)(x+)(Z?)\s*$/.exec(l))
      .filter((m) => m !== null);
    expect(wordLines[0]![1]).toBe("W");
    expect(wordLines.at(-1)![3]).toBe("Z");
    expect(wordLines.reduce((n, m) => n + m[2]!.length, 0)).toBe(10_000);
    // Nothing was read: no line of /etc/passwd appears.
    const passwd = readFileSync("/etc/passwd", "utf8").split("\n")[0]!;
    expect(passwd.length).toBeGreaterThan(0);
    expect(all).not.toContain(passwd);
    expect(all).not.toMatch(/root:x?:0:0/);
    // The marking on every page.
    for (const [i, page] of text.entries()) expect(page, `page ${i + 1}`).toContain("TLP:AMBER");
    // Fonts: only the npm fonts and the compiler's built-in monospace, whatever the machine has installed.
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/^(SourceSerif4|Vazirmatn|DejaVuSansMono|NotoEmoji)/);
    // The emoji are drawn from the emoji font, not left as empty boxes.
    expect(fonts.some((f) => f.startsWith("NotoEmoji"))).toBe(true);
  }, 120_000);

  it("prints 5,000 footnotes (as numbered notes at the end)", async () => {
    const sources = makeSources(5_000);
    const body = sources.map((s, i) => `Claim ${i + 1} [@source:${s.id}]${i % 50 === 49 ? "\n\n" : " "}`).join("");
    const doc = { ...makeBriefingDocument({ events: 3, sources: 3, body }), summary: "", keyJudgments: [] };
    doc.cited.sources = sources;
    const data = buildPdfData(doc, { revisionId: "1" });
    expect(data.notes).toHaveLength(5_000);
    const { pdf } = await compilePdf(data, { timeoutMs: 300_000 });
    const all = flat(pdfPages(pdf));
    expect(all).toContain("Notes");
    expect(all).toMatch(/5000\.\s*Source: Report 5000 on contacts between Tehran and the Taliban/);
    // Superscript numbers come out of the PDF as superscript digits.
    expect(all).toContain("Claim 5000⁵⁰⁰⁰");
    expect(all).toContain("Claim 1¹ Claim 2² Claim 3³");
  }, 400_000);
});

describe("limits", () => {
  it("refuses more different citations than a PDF may hold, before compiling", () => {
    const sources = makeSources(10_001);
    const doc = {
      ...makeBriefingDocument({ events: 1, sources: 1, body: sources.map((s) => `[@source:${s.id}]`).join(" ") }),
      summary: "",
      keyJudgments: [],
    };
    doc.cited.sources = sources;
    expect(() => buildPdfData(doc)).toThrow(/cites 10,001 different events and sources; a PDF can hold at most 10,000/);
  });

  it("refuses input beyond the size limit with a clear message", async () => {
    const doc = makeBriefingDocument({ events: 1, sources: 1 });
    doc.cited.events[0]!.title = "long ".repeat(2_600_000);
    const err = await compilePdf(buildPdfData(doc)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportLimitError);
    expect(err).toMatchObject({
      kind: "TOO_LARGE",
      message: expect.stringMatching(/MB of text; a PDF export takes at most 12 MB/),
    });
  });

  it("stops a compile that runs past its time limit, and the next export still works", async () => {
    const data = buildPdfData(makeBriefingDocument({ events: 30, sources: 20 }));
    const err = await compilePdf(data, { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportLimitError);
    expect(err).toMatchObject({ kind: "TIMEOUT", message: expect.stringMatching(/took longer than/) });
    const ok = await compilePdf(data);
    expect(ok.pages).toBeGreaterThan(1);
    expect(Buffer.from(ok.pdf.subarray(0, 5)).toString()).toBe("%PDF-");
  }, 120_000);
});

describe("the compile's reach", () => {
  const templateDir = path.join(process.cwd(), "server/export/typst");

  it("the template takes data only from sys.inputs: it never reads, imports, evaluates or loads anything", () => {
    const source = readFileSync(path.join(templateDir, "briefing.typ"), "utf8").replace(/\/\/.*$/gm, "");
    expect(source).toContain("json(bytes(sys.inputs.doc))");
    for (const call of [
      "read(",
      "eval(",
      "#import",
      "#include",
      "plugin(",
      "csv(",
      "yaml(",
      "toml(",
      "xml(",
      "cbor(",
    ]) {
      expect(source, call).not.toContain(call);
    }
    // Images only from bytes handed in (the figures' SVG, drawn by the server), never from a path.
    expect(source.match(/image\((?!bytes\()/g), "image( other than image(bytes(").toBeNull();
  });

  it("even Typst code could not read outside the template directory (the compile's root) or fetch a URL", () => {
    const compiler = NodeCompiler.create({ workspace: templateDir });
    const outcome = (src: string) => {
      const r = compiler.compile({ mainFileContent: src });
      return r.hasError()
        ? compiler
            .fetchDiagnostics(r.takeError()!)
            .map((d: { message: string }) => d.message)
            .join(" ")
        : "compiled";
    };
    expect(outcome('#read("/etc/passwd")')).toMatch(
      /file not found \(searched at .*server\/export\/typst\/etc\/passwd\)/,
    );
    expect(outcome('#read("../../../../../../../etc/passwd")')).toMatch(/access denied/);
    expect(outcome('#image("https://example.org/pixel.png")')).toMatch(/file not found/);
  });
});
