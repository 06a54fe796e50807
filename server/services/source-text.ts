/**
 * Turns an uploaded file into the plain text a source is stored as.
 *
 * Quoted passages are later located by character offsets into the stored
 * text, so beyond line endings, runs of blank lines and outer whitespace the
 * text of .txt/.md files is kept byte-for-byte. HTML and PDF are reduced to
 * readable text once, here, and that result becomes the text offsets refer to.
 *
 * Nothing here touches the network: HTML is parsed by linkedom, which neither
 * runs scripts nor loads what the page references, and PDF.js gets the bytes
 * with font loading and eval turned off.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { extractText, getDocumentProxy, getMeta } from "unpdf";
import { badRequest } from "../errors.ts";

export type SourceFileKind = "txt" | "md" | "html" | "pdf";

export type SourceFileInput = { fileName: string; mimeType?: string; bytes: Uint8Array };

export type ExtractedSourceText = {
  text: string;
  title?: string;
  language?: string;
  byline?: string;
  /** As the document states it (e.g. "2021-08-19" or an ISO instant): its precision is the caller's to judge. */
  publishedAt?: string;
  kind: SourceFileKind;
};

export const MAX_SOURCE_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_SOURCE_TEXT_CHARS = 2_000_000;

/**
 * Up to one undecodable byte per thousand characters is tolerated (a stray
 * byte in an otherwise UTF-8 file); more means another encoding, whose text
 * would be stored garbled.
 */
const MAX_REPLACEMENT_RATIO = 0.001;

const KIND_BY_EXTENSION: Record<string, SourceFileKind> = {
  txt: "txt",
  text: "txt",
  md: "md",
  markdown: "md",
  html: "html",
  htm: "html",
  pdf: "pdf",
};

const KIND_BY_MIME_TYPE: Record<string, SourceFileKind> = {
  "text/plain": "txt",
  "text/markdown": "md",
  "text/x-markdown": "md",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/pdf": "pdf",
};

const messages = {
  unsupported: "Only .txt, .md, .html and .pdf files can be imported.",
  empty: "The file is empty.",
  tooLarge: "Files can be at most 10 MB.",
  tooLong: "The text of this file is longer than 2,000,000 characters. Split it into smaller files.",
  notText: "This file is not text.",
  notUtf8: "This file is not UTF-8 text. Save it as UTF-8, or paste the text instead.",
  noArticle: "No readable text was found in this page. Paste the text instead.",
  notPdf: "This file is not a PDF.",
  badPdf: "This PDF could not be read; it may be damaged. Paste the text instead.",
  lockedPdf: "This PDF is protected by a password. Remove the password, or paste the text instead.",
  scannedPdf: "This PDF has no text layer (it is probably a scan). Paste the text instead.",
};

export async function extractSourceText(input: SourceFileInput): Promise<ExtractedSourceText> {
  const kind = detectKind(input.fileName, input.mimeType);
  checkSize(input.bytes);
  const extracted = await extractByKind(kind, input.bytes);
  const text = normalizeText(extracted.text);
  if (!text) throw badRequest(kind === "html" ? messages.noArticle : messages.empty);
  if (text.length > MAX_SOURCE_TEXT_CHARS) throw badRequest(messages.tooLong);
  return { ...extracted, text, kind };
}

type Extracted = Omit<ExtractedSourceText, "kind">;

function extractByKind(kind: SourceFileKind, bytes: Uint8Array): Promise<Extracted> | Extracted {
  switch (kind) {
    case "txt":
    case "md":
      return { text: decodeText(bytes) };
    case "html":
      return extractHtml(bytes);
    case "pdf":
      return extractPdf(bytes);
  }
}

/** The extension decides, because browsers report .md (and others) with varying or empty types. */
function detectKind(fileName: string, mimeType?: string): SourceFileKind {
  const match = /\.([^./\\]+)$/.exec(fileName.trim());
  const byExtension = match?.[1] ? KIND_BY_EXTENSION[match[1].toLowerCase()] : undefined;
  const byMimeType = !match && mimeType ? KIND_BY_MIME_TYPE[mimeType.split(";")[0]!.trim().toLowerCase()] : undefined;
  const kind = byExtension ?? byMimeType;
  if (!kind) throw badRequest(messages.unsupported);
  return kind;
}

function checkSize(bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw badRequest(messages.empty);
  if (bytes.byteLength > MAX_SOURCE_FILE_BYTES) throw badRequest(messages.tooLarge);
}

/**
 * Line endings become \n and runs of three or more blank lines become two;
 * anything else is left alone because offsets into this text are stored.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\n(?:[ \t]*\n){3,}/g, "\n\n\n")
    .trim();
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  // Windows editors save "Unicode" text as UTF-16 with a BOM; without this it would read as binary.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

/** Decodes strictly enough that binary files and other encodings are refused instead of stored as garbage. */
function decodeText(bytes: Uint8Array, fallbackEncoding = "utf-8"): string {
  const encoding = bomEncoding(bytes) ?? fallbackEncoding;
  // TextDecoder removes a BOM that matches the encoding.
  const text = new TextDecoder(encoding).decode(bytes);
  if (text.includes("\u0000")) throw badRequest(messages.notText);
  const replacements = countChar(text, "\uFFFD");
  if (replacements === 0) return text;
  const introduced = replacements - literalReplacementChars(bytes, encoding);
  if (introduced > text.length * MAX_REPLACEMENT_RATIO) throw badRequest(messages.notUtf8);
  return text;
}

function countChar(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** U+FFFD already present in a UTF-8 file (scraped text often has some) is content, not a decoding failure. */
function literalReplacementChars(bytes: Uint8Array, encoding: string): number {
  if (encoding !== "utf-8") return 0;
  let count = 0;
  for (let i = bytes.indexOf(0xef); i !== -1 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count++;
  }
  return count;
}

/**
 * A saved page may declare a legacy charset (Persian sites still serve
 * windows-1256); the declaration must sit in the first 1024 bytes.
 */
function declaredCharset(bytes: Uint8Array): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const label = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  if (!label) return "utf-8";
  try {
    const { encoding } = new TextDecoder(label);
    // A page that reached us as bytes cannot really be UTF-16 without a BOM; the HTML standard says so too.
    return encoding.startsWith("utf-16") ? "utf-8" : encoding;
  } catch {
    return "utf-8";
  }
}

type PageMetadata = { title?: string; language?: string; publishedAt?: string };

function extractHtml(bytes: Uint8Array): Extracted {
  const html = decodeText(bytes, declaredCharset(bytes));
  const { document } = parseHTML(withBodyTag(html));
  const doc = document as unknown as Document;
  // Read before Readability runs: it rewrites the document it is given.
  const metadata = readPageMetadata(doc);
  const article = parseArticle(doc);
  const root = article?.content ?? bodyWithoutChrome(doc);
  return {
    text: root ? blockText(root) : "",
    title: present(article?.title) ?? metadata.title,
    byline: present(article?.byline),
    language: metadata.language ?? present(article?.lang),
    publishedAt: metadata.publishedAt ?? validDate(article?.publishedTime),
  };
}

/**
 * linkedom's parser (htmlparser2) does not infer the <html> and <body> that
 * HTML lets a page leave out: a saved fragment or a page without a <body> tag
 * would come out with an empty body, and Readability would find nothing.
 */
function withBodyTag(html: string): string {
  if (/<body[\s>]/i.test(html)) return html;
  const afterHead = /<\/head\s*>/i.exec(html) ?? /<html(?:\s[^>]*)?>/i.exec(html);
  if (!afterHead) return `<!doctype html><html><head></head><body>${html}</body></html>`;
  const at = afterHead.index + afterHead[0].length;
  return `${html.slice(0, at)}<body>${html.slice(at)}</body>`;
}

function parseArticle(doc: Document) {
  try {
    // The serializer hands back the element itself so that paragraph breaks survive.
    return new Readability<Element>(doc, { serializer: (node) => node as Element }).parse();
  } catch {
    return null;
  }
}

/** Used when Readability finds no article: the whole body, less the parts that are never content. */
function bodyWithoutChrome(doc: Document): HTMLElement | null {
  doc.body?.querySelectorAll("nav, header, footer, aside, form").forEach((element) => element.remove());
  return doc.body;
}

function readPageMetadata(doc: Document): PageMetadata {
  const meta = (selector: string) => present(doc.querySelector(selector)?.getAttribute("content"));
  const published =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="article:published_time"]') ??
    meta('meta[itemprop="datePublished"]') ??
    present(doc.querySelector("time[datetime]")?.getAttribute("datetime"));
  return {
    title: present(doc.querySelector("title")?.textContent),
    language: present(doc.documentElement?.getAttribute("lang")) ?? meta('meta[http-equiv="content-language" i]'),
    publishedAt: validDate(published),
  };
}

function present(value: string | null | undefined): string | undefined {
  const trimmed = value?.replace(/\s+/g, " ").trim();
  return trimmed || undefined;
}

/** Kept as written so a date-only value stays date-only; only unparseable values are dropped. */
function validDate(value: string | null | undefined): string | undefined {
  const trimmed = present(value);
  return trimmed && !Number.isNaN(Date.parse(trimmed)) ? trimmed : undefined;
}

/** Elements that end a paragraph (2) or only a line (1). */
const BREAK_AFTER: Record<string, 1 | 2> = {
  li: 1, dt: 1, dd: 1, tr: 1, caption: 1, figcaption: 1,
  p: 2, div: 2, section: 2, article: 2, main: 2, header: 2, footer: 2, aside: 2, nav: 2,
  blockquote: 2, pre: 2, ul: 2, ol: 2, dl: 2, table: 2, figure: 2, hr: 2, address: 2,
  details: 2, summary: 2, fieldset: 2, form: 2,
  h1: 2, h2: 2, h3: 2, h4: 2, h5: 2, h6: 2,
};

/** Never readable text, whether Readability ran or we fell back to the whole body. */
const SKIPPED = new Set(["head", "title", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "select", "button"]);

/**
 * Flattens an element to text with blocks separated by blank lines, list items
 * and table rows by line breaks, and inline whitespace collapsed as a browser
 * would (except inside <pre>).
 */
function blockText(root: Node): string {
  const out = new TextWriter();
  const walk = (node: Node, inPre: boolean): void => {
    if (node.nodeType === 3) return out.text(node.nodeValue ?? "", inPre);
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName.toLowerCase();
    if (SKIPPED.has(tag)) return;
    if (tag === "br") return out.lineBreak();
    const strength = BREAK_AFTER[tag];
    if (strength) out.boundary(strength);
    node.childNodes.forEach((child) => walk(child, inPre || tag === "pre"));
    if (strength) out.boundary(strength);
    else if (tag === "td" || tag === "th") out.text(" ", false);
  };
  walk(root, false);
  return out.toString();
}

/**
 * Accumulates text, writing owed line breaks only when more text follows.
 * Pages can run to megabytes, so it never re-reads what it has written: the
 * state of the tail is tracked instead (rescanning it per block is quadratic).
 */
class TextWriter {
  private readonly chunks: string[] = [];
  private owedBreaks = 0;
  private lastChar = "";
  private trailingNewlines = 0;

  text(raw: string, preformatted: boolean): void {
    let chunk = preformatted ? raw : raw.replace(/[ \t\n\r\f]+/g, " ");
    if (!preformatted && chunk === " " && (this.owedBreaks || this.endsWithSpace())) return;
    this.payOwedBreaks();
    if (!preformatted && this.endsWithSpace()) chunk = chunk.replace(/^ /, "");
    this.push(chunk);
  }

  boundary(newlines: 1 | 2): void {
    this.owedBreaks = Math.max(this.owedBreaks, newlines);
  }

  lineBreak(): void {
    if (!this.owedBreaks) this.push("\n");
  }

  toString(): string {
    return this.chunks.join("").split("\n").map(trimEndSpaces).join("\n");
  }

  private endsWithSpace(): boolean {
    return this.lastChar === "" || /\s/.test(this.lastChar);
  }

  private payOwedBreaks(): void {
    if (this.owedBreaks && this.lastChar) this.push("\n".repeat(Math.max(0, this.owedBreaks - this.trailingNewlines)));
    this.owedBreaks = 0;
  }

  private push(chunk: string): void {
    if (!chunk) return;
    this.chunks.push(chunk);
    this.lastChar = chunk.at(-1)!;
    let newlinesAtEnd = 0;
    while (newlinesAtEnd < chunk.length && chunk[chunk.length - 1 - newlinesAtEnd] === "\n") newlinesAtEnd++;
    this.trailingNewlines = newlinesAtEnd === chunk.length ? this.trailingNewlines + newlinesAtEnd : newlinesAtEnd;
  }
}

/** A loop, not /[ \t]+$/: that regex backtracks quadratically over long runs of spaces inside a line. */
function trimEndSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
  return line.slice(0, end);
}

/** The PDF header may be preceded by junk, but only within the first kilobyte. */
function looksLikePdf(bytes: Uint8Array): boolean {
  return new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).includes("%PDF-");
}

async function openPdf(bytes: Uint8Array) {
  try {
    // PDF.js may transfer (detach) the buffer it is given; the caller's bytes stay usable.
    return await getDocumentProxy(bytes.slice(), {
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    throw badRequest(name === "PasswordException" ? messages.lockedPdf : messages.badPdf);
  }
}

async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  if (!looksLikePdf(bytes)) throw badRequest(messages.notPdf);
  const pdf = await openPdf(bytes);
  try {
    const pages = await extractText(pdf, { mergePages: false }).catch(() => {
      throw badRequest(messages.badPdf);
    });
    const text = pages.text.map((page) => page.trim()).filter(Boolean).join("\n\n");
    // A scan often still carries page numbers or stray marks; without a single letter it is no text layer.
    if (!/\p{L}/u.test(text)) throw badRequest(messages.scannedPdf);
    return { text, ...(await pdfMetadata(pdf)) };
  } finally {
    await pdf.destroy();
  }
}

/** Metadata is a bonus: a PDF whose info dictionary is broken still yields its text. */
async function pdfMetadata(pdf: Awaited<ReturnType<typeof getDocumentProxy>>): Promise<Omit<Extracted, "text">> {
  try {
    const { info } = await getMeta(pdf);
    return {
      title: present(stringOrUndefined(info.Title)),
      byline: present(stringOrUndefined(info.Author)),
      language: present(stringOrUndefined(info.Language)),
    };
  } catch {
    return {};
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
