import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DomainError } from "../../server/errors.ts";
import {
  extractSourceText,
  MAX_SOURCE_FILE_BYTES,
  MAX_SOURCE_TEXT_CHARS,
  normalizeText,
} from "../../server/lib/source-text/index.ts";
import { buildResearchNotePdf, RESEARCH_NOTE } from "../helpers/fixture-pdf.ts";
import { FIXTURES, readFixture, readFixtureBytes, TEXT_FIXTURES, type FixtureName } from "../helpers/fixtures.ts";
import { plainTextChecks } from "../helpers/plain-text-checks.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((offset, part) => (out.set(part, offset), offset + part.length), 0);
  return out;
};

/** Resolves with the DomainError the promise rejects with, failing the test if it resolves. */
async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => expect.fail("expected the file to be refused"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe("BAD_REQUEST");
  return error as DomainError;
}

const refusedWith = async (promise: Promise<unknown>, message: string | RegExp) =>
  expect((await refusal(promise)).message).toMatch(message);

// The real articles get the same checks in tests/seeds/source-text.test.ts.
plainTextChecks({
  what: "the fixture articles",
  names: TEXT_FIXTURES,
  bytes: (name) => readFixtureBytes(name as FixtureName),
  text: (name) => readFixture(name as FixtureName),
  persian: {
    name: FIXTURES.opinion,
    passages: ["مرز ما با افغانستان نهصد کیلومتر است", "همسایه\u200Cای که نمی\u200Cتوان انتخابش کرد"],
  },
  arabic: { name: FIXTURES.opinion, passage: "شارك المقال" },
  blankRuns: FIXTURES.dossier,
});

describe("plain text: normalisation", () => {
  const extract = async (text: string) => (await extractSourceText({ fileName: "note.txt", bytes: utf8(text) })).text;

  it("turns CRLF and lone CR into LF", async () => {
    expect(await extract("one\r\ntwo\rthree\n")).toBe("one\ntwo\nthree");
  });

  it("collapses three or more blank lines to two, and leaves one or two alone", async () => {
    expect(await extract("a\n\nb")).toBe("a\n\nb");
    expect(await extract("a\n\n\nb")).toBe("a\n\n\nb");
    expect(await extract("a\n\n\n\nb")).toBe("a\n\n\nb");
    expect(await extract("a\n\n\n\n\n\n\nb")).toBe("a\n\n\nb");
    expect(await extract("a\r\n\r\n\r\n\r\n\r\nb")).toBe("a\n\n\nb");
  });

  it("counts lines of only spaces or tabs as blank", async () => {
    expect(await extract("a\n \n\t\n  \n\nb")).toBe("a\n\n\nb");
  });

  it("trims the whole text but not the inside of lines", async () => {
    expect(await extract("\n\n  a  b\t\tc  \n  indented\n\n")).toBe("a  b\t\tc  \n  indented");
  });

  it("leaves characters alone (no Unicode normalisation, no NBSP or ZWNJ changes)", async () => {
    const text = "cafe\u0301 \u00A0 گفت\u200Cوگو \u201Cquoted\u201D";
    expect(await extract(text)).toBe(text);
  });

  it("is exported for pasted text", () => {
    expect(normalizeText(" a\r\n\r\n\r\n\r\nb ")).toBe("a\n\n\nb");
  });

  it("reads UTF-16 text with a BOM, as Windows editors save it", async () => {
    const body = "سلام, world";
    const bytes = new Uint8Array(2 + body.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < body.length; i++) {
      bytes[2 + i * 2] = body.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = body.charCodeAt(i) >> 8;
    }
    expect(await extract(new TextDecoder("utf-16le").decode(bytes))).toBe(body);
    expect((await extractSourceText({ fileName: "u16.txt", bytes })).text).toBe(body);
  });
});

describe("plain text: refusals", () => {
  it("refuses an empty file", async () => {
    await refusedWith(extractSourceText({ fileName: "empty.txt", bytes: new Uint8Array() }), "The file is empty.");
  });

  it("refuses a file of only whitespace as empty", async () => {
    await refusedWith(extractSourceText({ fileName: "blank.md", bytes: utf8(" \r\n\t\n ") }), "The file is empty.");
  });

  it("refuses binary content (NUL bytes)", async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    await refusedWith(extractSourceText({ fileName: "photo.txt", bytes: png }), "This file is not text.");
    await refusedWith(
      extractSourceText({ fileName: "a.txt", bytes: utf8("almost all text\u0000") }),
      "This file is not text.",
    );
  });

  it("refuses text in another encoding instead of storing it garbled", async () => {
    // "Café résumé" repeated, in windows-1252: every é is an invalid UTF-8 byte.
    const latin1 = new Uint8Array([..."Caf\u00E9 r\u00E9sum\u00E9 ".repeat(50)].map((c) => c.charCodeAt(0)));
    await refusedWith(extractSourceText({ fileName: "latin1.txt", bytes: latin1 }), /not UTF-8/);
  });

  it("tolerates a single stray byte in a long UTF-8 file", async () => {
    const bytes = concat(utf8("x".repeat(5000)), new Uint8Array([0xff]), utf8(" end"));
    const { text } = await extractSourceText({ fileName: "a.txt", bytes });
    expect(text.endsWith("\uFFFD end")).toBe(true);
  });

  it("keeps replacement characters that are already in the file", async () => {
    const text = "scraped \uFFFD\uFFFD\uFFFD text";
    expect((await extractSourceText({ fileName: "a.txt", bytes: utf8(text) })).text).toBe(text);
  });

  it("refuses a file over 10 MB before reading it", async () => {
    const bytes = new Uint8Array(MAX_SOURCE_FILE_BYTES + 1).fill(0x61);
    await refusedWith(extractSourceText({ fileName: "big.txt", bytes }), "Files can be at most 10 MB.");
  });

  it("refuses text over 2,000,000 characters, and accepts exactly that many", async () => {
    const limit = "a".repeat(MAX_SOURCE_TEXT_CHARS);
    expect((await extractSourceText({ fileName: "a.txt", bytes: utf8(limit) })).text).toHaveLength(
      MAX_SOURCE_TEXT_CHARS,
    );
    await refusedWith(extractSourceText({ fileName: "a.txt", bytes: utf8(`${limit}b`) }), /2,000,000 characters/);
  });
});

describe("file kinds", () => {
  const bytes = utf8("Some text.");

  it.each([
    ["notes.txt", undefined, "txt"],
    ["NOTES.TXT", undefined, "txt"],
    ["notes.md", "application/octet-stream", "md"],
    ["notes.markdown", "", "md"],
    ["page.htm", undefined, "html"],
    ["archive.v2.html", undefined, "html"],
    ["pasted", "text/plain; charset=utf-8", "txt"],
    ["pasted", "text/markdown", "md"],
    ["notes.txt", "application/pdf", "txt"],
  ] as const)("%s (%s) is read as %s", async (fileName, mimeType, kind) => {
    const result = await extractSourceText({
      fileName,
      mimeType,
      bytes: kind === "html" ? utf8("<p>Some text.</p>") : bytes,
    });
    expect(result.kind).toBe(kind);
  });

  it.each([
    ["report.docx", undefined],
    ["report.docx", "text/plain"],
    ["script.exe", undefined],
    ["notes.txt.zip", undefined],
    ["noextension", undefined],
    ["noextension", "application/octet-stream"],
    ["", undefined],
  ] as const)("refuses %j (%s)", async (fileName, mimeType) => {
    await refusedWith(
      extractSourceText({ fileName, mimeType, bytes }),
      "Only .txt, .md, .html and .pdf files can be imported.",
    );
  });
});

describe("HTML", () => {
  const PERSIAN = "ایران و طالبان در مرز هرات گفت\u200Cوگو کردند و قرار شد گذرگاه دوغارون باز بماند.";

  const ARTICLE_PAGE = `<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Border talks resume | The Example Ledger</title>
  <meta property="article:published_time" content="2021-08-20T10:15:00Z">
  <meta name="author" content="Jane Roe">
  <link rel="stylesheet" href="https://cdn.example.test/site.css">
  <style>.promo { color: red } body::after { content: "STYLE NOISE" }</style>
  <script>globalThis.__sourceTextPwned = true; document.write("SCRIPT NOISE");</script>
  <script src="https://cdn.example.test/tracker.js"></script>
</head>
<body>
  <nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World NAV NOISE</a></li><li><a href="/sport">Sport</a></li></ul></nav>
  <header class="masthead"><div class="logo">The Example Ledger</div><form action="/search"><input name="q"><button>Search</button></form></header>
  <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">ASIDE NOISE one</a></li><li><a href="/y">ASIDE NOISE two</a></li></ul></aside>
  <main>
    <article>
      <h1>Border talks resume</h1>
      <p class="byline">By <span class="author">Jane Roe</span></p>
      <time datetime="2021-08-19">19 August 2021</time>
      <p>Officials from both sides met at the border crossing on Thursday, the first meeting since the
         spring, and agreed to keep   the crossing open for trade.</p>
      <p>According to two people present, the talks covered fuel, water rights on the Helmand and
         the return of refugees. <a href="https://example.test/background">Background</a> on the
         <em>water dispute</em> is on our site.</p>
      <img src="https://images.example.test/pixel.gif?track=1" alt="">
      <p dir="rtl" lang="fa">${PERSIAN}</p>
      <ul><li>Fuel exports</li><li>Water rights</li><li>Refugee returns</li></ul>
      <p>A spokesman said further meetings were planned<br>but gave no dates.</p>
      <noscript>NOSCRIPT NOISE</noscript>
    </article>
  </main>
  <footer class="site-footer"><p>FOOTER NOISE Copyright The Example Ledger. <a href="/privacy">Privacy</a></p></footer>
  <script>document.body.innerHTML = "SCRIPT REPLACED THE PAGE";</script>
</body>
</html>`;

  const extractPage = (html: string, fileName = "article.html") => extractSourceText({ fileName, bytes: utf8(html) });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("reduces a page to its article, one blank line between paragraphs", async () => {
    const { text, kind } = await extractPage(ARTICLE_PAGE);
    expect(kind).toBe("html");
    expect(text).toContain(
      "Officials from both sides met at the border crossing on Thursday, the first meeting since the spring, and agreed to keep the crossing open for trade." +
        "\n\n" +
        "According to two people present, the talks covered fuel, water rights on the Helmand and the return of refugees. Background on the water dispute is on our site.",
    );
    expect(text).toContain(`\n\n${PERSIAN}\n\n`);
    expect(text).toContain("Fuel exports\nWater rights\nRefugee returns");
    expect(text).toContain("further meetings were planned\nbut gave no dates.");
    expect(text).not.toMatch(/ \n|\n |\n{3}/);
  });

  it("keeps the Persian paragraph character for character, ZWNJ included", async () => {
    const { text } = await extractPage(ARTICLE_PAGE);
    expect(text).toContain(PERSIAN);
    expect(text).toContain("گفت\u200Cوگو");
  });

  it("drops navigation, sidebars, footers, forms, styles and scripts", async () => {
    const { text } = await extractPage(ARTICLE_PAGE);
    for (const noise of [
      "NAV NOISE",
      "ASIDE NOISE",
      "FOOTER NOISE",
      "STYLE NOISE",
      "SCRIPT",
      "NOSCRIPT NOISE",
      "Search",
      "Most read",
    ]) {
      expect(text).not.toContain(noise);
    }
  });

  it("takes title, byline, language and publication time", async () => {
    const result = await extractPage(ARTICLE_PAGE);
    expect(result).toMatchObject({
      title: "Border talks resume | The Example Ledger",
      byline: "Jane Roe",
      language: "en-GB",
      publishedAt: "2021-08-20T10:15:00Z",
    });
  });

  it("takes the language from a Content-Language declaration when <html> has none", async () => {
    const page = ARTICLE_PAGE.replace('<html lang="en-GB">', "<html>").replace(
      "<head>",
      '<head><meta http-equiv="Content-Language" content="fa">',
    );
    expect((await extractPage(page)).language).toBe("fa");
  });

  it("falls back to <time datetime> when there is no published-time meta tag", async () => {
    const page = ARTICLE_PAGE.replace(/<meta property="article:published_time"[^>]*>/, "");
    expect((await extractPage(page)).publishedAt).toBe("2021-08-19");
  });

  it("ignores a publication time that is not a date", async () => {
    const page = ARTICLE_PAGE.replace("2021-08-20T10:15:00Z", "last Thursday").replace(
      'datetime="2021-08-19"',
      'datetime="soon"',
    );
    expect((await extractPage(page)).publishedAt).toBeUndefined();
  });

  it("runs no script and fetches nothing the page references", async () => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error("no network in extraction")));
    vi.stubGlobal("fetch", fetchSpy);
    const { text } = await extractPage(ARTICLE_PAGE);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect((globalThis as { __sourceTextPwned?: boolean }).__sourceTextPwned).toBeUndefined();
    expect(text).not.toContain("SCRIPT REPLACED THE PAGE");
    expect(text).not.toContain("https://");
  });

  it("reads a page that leaves out <body>, or a bare fragment", async () => {
    const noBody = `<html lang="fa" dir="rtl"><head><title>خبر</title></head><p>${PERSIAN}</p></html>`;
    expect(await extractPage(noBody)).toMatchObject({ text: PERSIAN, title: "خبر", language: "fa" });
    expect((await extractPage("<p>First.</p><p>Second <b>bold</b>.</p>")).text).toBe("First.\n\nSecond bold.");
  });

  it("keeps the layout of <pre> and puts table rows on their own lines", async () => {
    const page =
      "<html><body><article><pre>line one\n    indented  twice</pre><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></article></body></html>";
    expect((await extractPage(page)).text).toBe("line one\n    indented  twice\n\na b\nc d");
  });

  it("decodes a page in the legacy charset it declares (windows-1256)", async () => {
    const encode1256 = windows1256Encoder();
    const page = concat(
      utf8(
        '<html lang="fa"><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"><title>t</title></head><body><p>',
      ),
      encode1256("پل هرات و طالبان"),
      utf8("</p></body></html>"),
    );
    expect((await extractSourceText({ fileName: "legacy.html", bytes: page })).text).toBe("پل هرات و طالبان");
  });

  it("reduces a saved news page to its article: no navigation, banner, forms, sidebar or footer", async () => {
    const result = await extractSourceText({ fileName: FIXTURES.page, bytes: readFixtureBytes(FIXTURES.page) });
    expect(result).toMatchObject({
      kind: "html",
      title: "Islam Qala crossing reopens as Herat traders count their losses – The Herat Ledger",
      byline: "Sorayya Nadiri",
      language: "en",
      publishedAt: "2021-09-02T07:40:00Z",
    });
    const { text } = result;
    expect(text).toContain(
      "The main crossing between Herat province and Iran reopened to lorries on Thursday after a closure of nine days, customs officers at Islam Qala said." +
        "\n\n" +
        "Drivers had queued for more than twenty kilometres on the Afghan side.",
    );
    expect(text).toContain("کامیون\u200Cها از صبح پنجشنبه دوباره از گذرگاه اسلام\u200Cقلعه عبور می\u200Cکنند");
    expect(text).toMatch(/Trade through Islam Qala has fallen every year since 2019[^\n]+in the south\.$/);
    for (const junk of [
      "Accept all",
      "Cookie settings",
      "Search the Ledger",
      "Afghanistan\nRegion",
      "Share",
      "Related",
      "Most read",
      "Exchange rate falls again",
      "Subscribe",
      "Privacy policy",
      "All rights reserved",
      "dataLayer",
      "https://",
    ]) {
      expect(text, junk).not.toContain(junk);
    }
  });

  it("refuses a page with no readable text", async () => {
    const page =
      '<html><head><title>Only a title</title></head><body><script>render()</script><img src="a.png"><style>p{}</style></body></html>';
    await refusedWith(extractPage(page), "No readable text was found in this page. Paste the text instead.");
  });

  it("refuses a binary file named .html", async () => {
    await refusedWith(
      extractSourceText({ fileName: "x.html", bytes: new Uint8Array([0x3c, 0x70, 0x3e, 0x00, 0x01]) }),
      "This file is not text.",
    );
  });
});

/**
 * TextEncoder only writes UTF-8; the reverse of TextDecoder's table gives the
 * legacy bytes. windows-1256 predates Persian ی (U+06CC), hence the choice of words.
 */
function windows1256Encoder(): (text: string) => Uint8Array {
  const decoder = new TextDecoder("windows-1256");
  const byChar = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) byChar.set(decoder.decode(new Uint8Array([byte])), byte);
  const encodeChar = (char: string) => {
    const byte = byChar.get(char);
    if (byte === undefined) throw new Error(`${char} has no windows-1256 byte`);
    return byte;
  };
  return (text) => new Uint8Array([...text].map(encodeChar));
}

describe("PDF", () => {
  async function makePdf(draw: (doc: PDFDocument) => Promise<void> | void): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    await draw(doc);
    return doc.save();
  }

  const textPdf = () =>
    makePdf(async (doc) => {
      doc.setTitle("Border talks resume");
      doc.setAuthor("Jane Roe");
      const font = await doc.embedFont(StandardFonts.Helvetica);
      const first = doc.addPage();
      first.drawText("Officials met at the border crossing on Thursday.", { x: 50, y: 700, size: 12, font });
      first.drawText("They agreed to keep the crossing open for trade.", { x: 50, y: 684, size: 12, font });
      doc.addPage().drawText("Page two: further meetings are planned.", { x: 50, y: 700, size: 12, font });
    });

  it("extracts the text layer: lines of a paragraph joined, a new page after a full stop a new paragraph", async () => {
    const result = await extractSourceText({
      fileName: "talks.pdf",
      mimeType: "application/pdf",
      bytes: await textPdf(),
    });
    expect(result.kind).toBe("pdf");
    expect(result.text).toBe(
      "Officials met at the border crossing on Thursday. They agreed to keep the crossing open for trade.\n\nPage two: further meetings are planned.",
    );
  });

  it("takes title and author from the document information", async () => {
    expect(await extractSourceText({ fileName: "talks.pdf", bytes: await textPdf() })).toMatchObject({
      title: "Border talks resume",
      byline: "Jane Roe",
    });
  });

  it("leaves the caller's bytes usable", async () => {
    const bytes = await textPdf();
    const length = bytes.byteLength;
    await extractSourceText({ fileName: "talks.pdf", bytes });
    expect(bytes.byteLength).toBe(length);
    expect((await extractSourceText({ fileName: "talks.pdf", bytes })).text).toContain("Officials");
  });

  it("rebuilds a typeset note's paragraphs: wrapped lines joined, the running header and page numbers dropped", async () => {
    const result = await extractSourceText({ fileName: FIXTURES.pdf, bytes: readFixtureBytes(FIXTURES.pdf) });
    expect(result).toMatchObject({ kind: "pdf", title: RESEARCH_NOTE.title, byline: RESEARCH_NOTE.author });
    const paragraphs = result.text.split("\n\n");
    // Every paragraph comes back whole, on one line, in order, as it was written.
    let from = 0;
    for (const paragraph of RESEARCH_NOTE.paragraphs) {
      const at = paragraphs.indexOf(paragraph, from);
      expect(at, paragraph.slice(0, 40)).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
    expect(result.text).not.toContain(RESEARCH_NOTE.header);
    expect(result.text).not.toMatch(/page \d of 2/);
  });

  it("keeps the committed research note identical to what tests/helpers/fixture-pdf.ts builds", async () => {
    // If this fails after a change to the builder, rewrite the file: npx tsx tests/helpers/fixture-pdf.ts
    expect(Buffer.from(await buildResearchNotePdf()).equals(Buffer.from(readFixtureBytes(FIXTURES.pdf)))).toBe(true);
  });

  it("refuses a PDF with only images or shapes (a scan) with a clear message", async () => {
    const bytes = await makePdf((doc) => {
      doc.addPage().drawRectangle({ x: 40, y: 40, width: 500, height: 700, color: rgb(0.2, 0.2, 0.2) });
    });
    await refusedWith(
      extractSourceText({ fileName: "scan.pdf", bytes }),
      "This PDF has no text layer (it is probably a scan). Paste the text instead.",
    );
  });

  it("treats a scan that carries only page numbers as having no text layer", async () => {
    const bytes = await makePdf(async (doc) => {
      const font = await doc.embedFont(StandardFonts.Helvetica);
      for (const n of ["1", "2"]) {
        const page = doc.addPage();
        page.drawRectangle({ x: 40, y: 60, width: 500, height: 700, color: rgb(0.5, 0.5, 0.5) });
        page.drawText(n, { x: 300, y: 30, size: 10, font });
      }
    });
    await refusedWith(extractSourceText({ fileName: "scan.pdf", bytes }), /no text layer/);
  });

  it("refuses a file named .pdf that is not one", async () => {
    await refusedWith(
      extractSourceText({ fileName: "fake.pdf", bytes: utf8("just some text") }),
      "This file is not a PDF.",
    );
  });

  it("refuses a damaged PDF", async () => {
    const truncated = (await textPdf()).slice(0, 200);
    await refusedWith(extractSourceText({ fileName: "broken.pdf", bytes: truncated }), /could not be read/);
    await refusedWith(
      extractSourceText({ fileName: "junk.pdf", bytes: utf8("%PDF-1.7\nnot really a pdf") }),
      /could not be read/,
    );
  });

  it("refuses an empty .pdf as empty", async () => {
    await refusedWith(extractSourceText({ fileName: "empty.pdf", bytes: new Uint8Array() }), "The file is empty.");
  });
});
