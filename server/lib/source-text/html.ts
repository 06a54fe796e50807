import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

import { decodeText, declaredCharset } from "./decode.ts";
import type { Extracted } from "./limits.ts";

type PageMetadata = { title?: string; language?: string; publishedAt?: string };

export function extractHtml(bytes: Uint8Array): Extracted {
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

export function present(value: string | null | undefined): string | undefined {
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
  li: 1,
  dt: 1,
  dd: 1,
  tr: 1,
  caption: 1,
  figcaption: 1,
  p: 2,
  div: 2,
  section: 2,
  article: 2,
  main: 2,
  header: 2,
  footer: 2,
  aside: 2,
  nav: 2,
  blockquote: 2,
  pre: 2,
  ul: 2,
  ol: 2,
  dl: 2,
  table: 2,
  figure: 2,
  hr: 2,
  address: 2,
  details: 2,
  summary: 2,
  fieldset: 2,
  form: 2,
  h1: 2,
  h2: 2,
  h3: 2,
  h4: 2,
  h5: 2,
  h6: 2,
};

/** Never readable text, whether Readability ran or we fell back to the whole body. */
const SKIPPED = new Set([
  "head",
  "title",
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "math",
  "iframe",
  "object",
  "canvas",
  "select",
  "button",
]);

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
