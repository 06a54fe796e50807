import type { Nodes, PhrasingContent, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { dominantDirection, isolateRuns, type Direction } from "../schemas/bidi-runs.ts";
import { CITATION_TOKEN, type CitationRef } from "../schemas/briefing.ts";

/**
 * Markdown → a small JSON tree the Typst template renders from data. The
 * template never evaluates text: every string here reaches the PDF as a string
 * value, so Typst markup, HTML or `#read(...)` in a briefing is shown as typed.
 * Images and links are shown as text (alt or label plus URL); nothing is fetched.
 */

export type Inline =
  | { t: "text"; v: string }
  | { t: "em" | "strong" | "del"; c: Inline[] }
  | { t: "code"; v: string }
  | { t: "link"; c: Inline[]; url: string }
  | { t: "br" }
  /** Between two adjacent citations: "¹,²" rather than "¹²". */
  | { t: "sep" }
  /** A citation: `first` marks where its footnote is printed; later ones repeat the number. */
  | { t: "cite"; n: number; first: boolean }
  /** A reference to something the export does not have (deleted, another workspace, unknown). */
  | { t: "missing"; kind: CitationRef["kind"] };

export type Block =
  | { t: "p"; c: Inline[]; rtl: boolean }
  | { t: "h"; level: number; c: Inline[]; rtl: boolean }
  | { t: "code"; v: string }
  | { t: "list"; ordered: boolean; start: number; items: Block[][] }
  | { t: "quote"; c: Block[] }
  | { t: "table"; align: ("left" | "center" | "right" | null)[]; rows: { c: Inline[]; rtl: boolean }[][] }
  | { t: "hr" };

/**
 * Footnote numbers in order of first appearance across everything converted
 * with the same numbering (summary, key judgments, body, in that order).
 */
export class CitationNumbering {
  private readonly numbers = new Map<string, number>();
  readonly order: CitationRef[] = [];
  constructor(private readonly known: (ref: CitationRef) => boolean) {}

  cite(ref: CitationRef): Inline {
    if (!this.known(ref)) return { t: "missing", kind: ref.kind };
    const key = `${ref.kind}:${ref.id}`;
    const n = this.numbers.get(key);
    if (n !== undefined) return { t: "cite", n, first: false };
    this.order.push(ref);
    this.numbers.set(key, this.order.length);
    return { t: "cite", n: this.order.length, first: true };
  }

  get count(): number {
    return this.order.length;
  }
}

// Citation tokens are swapped for private-use markers before parsing, so no
// Markdown rule (emphasis on `_`, links on `[`) can split or swallow them.
const MARK_OPEN = "\uE000";
const MARK_CLOSE = "\uE001";
const MARKER = /\uE000(\d+)\uE001/g;

/**
 * Characters that reorder the text around them (bidi embeddings and
 * overrides) are dropped: they are invisible, and a briefing must read on
 * paper in the order it was written. Marks, isolates and joiners stay: Persian
 * needs them. Private-use markers are ours.
 */
const UNSAFE_CONTROLS = /[\u202A-\u202E\uE000\uE001]/g;

/** Long unbroken runs (URLs, hostile 10,000-character words) get break opportunities so lines fit the page. */
const LONG_RUN = /[^\s\u200B]{48}/g;
/** Text as printed: long runs breakable. */
export function breakable(text: string): string {
  if (text.length < 48) return text;
  return text.replace(/[^\s]{49,}/g, (run) => run.replace(LONG_RUN, (chunk) => `${chunk}\u200B`));
}

/**
 * Right-to-left when most of the letters are Persian, Arabic, Pashto, Hebrew…:
 * the rule the web applies to every paragraph (server/schemas/bidi-runs.ts),
 * so a Persian sentence that opens with an English name reads right to left
 * on paper as on screen.
 */
export function isRtl(text: string): boolean {
  return dominantDirection(text) === "rtl";
}

/**
 * A paragraph's inline content with each run written against its direction
 * isolated (as `<bdi>` does on the web), so the punctuation around an English
 * name in a Persian sentence, or a Persian name in an English one, stays
 * where the writer put it. Code is shown as typed.
 */
export function isolateInlines(nodes: Inline[], base: Direction | null): Inline[] {
  if (!base) return nodes;
  return nodes.map((n) => {
    if (n.t === "text") return { ...n, v: isolateRuns(n.v, base) };
    if (n.t === "em" || n.t === "strong" || n.t === "del" || n.t === "link")
      return { ...n, c: isolateInlines(n.c, base) };
    return n;
  });
}

/** Inline content laid out as one paragraph: its direction by majority, the other script's runs isolated. */
function directed(c: Inline[]): { c: Inline[]; rtl: boolean } {
  const base = dominantDirection(inlineText(c));
  return { c: isolateInlines(c, base), rtl: base === "rtl" };
}

const MAX_BLOCK_DEPTH = 6;
const MAX_INLINE_DEPTH = 6;

export function inlineText(nodes: Inline[]): string {
  return nodes.map((n) => ("v" in n ? n.v : "c" in n ? inlineText(n.c) : "")).join("");
}

/** A node's text, walked with a stack rather than recursion: this is what deep nesting is flattened with. */
function plainText(node: Nodes): string {
  const out: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if ("value" in n && typeof n.value === "string") out.push(n.value);
    else if (n.type === "image" || n.type === "imageReference") out.push(n.alt ?? "");
    else if ("children" in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
  return out.join("");
}

type Ctx = { numbering: CitationNumbering; tokens: CitationRef[]; definitions: Map<string, string> };

/** Text with citation markers → text runs and citations. */
function splitText(value: string, ctx: Ctx): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of value.matchAll(MARKER)) {
    // The footnote number sits on the word it follows: "friendly¹", not "friendly ¹".
    const before = value.slice(last, m.index).trimEnd();
    if (before) out.push({ t: "text", v: breakable(before) });
    else if (out.at(-1)?.t === "cite") out.push({ t: "sep" });
    out.push(ctx.numbering.cite(ctx.tokens[Number(m[1])]!));
    last = m.index + m[0].length;
  }
  if (last < value.length) out.push({ t: "text", v: breakable(value.slice(last)) });
  return out;
}

/** Markers inside code stay the tokens the author typed. */
function restoreTokens(value: string, ctx: Ctx): string {
  return value.replace(MARKER, (_m, i: string) => {
    const ref = ctx.tokens[Number(i)]!;
    return `[@${ref.kind}:${ref.id}]`;
  });
}

function inlines(nodes: PhrasingContent[] | RootContent[], ctx: Ctx, depth: number): Inline[] {
  return nodes.flatMap((n) => inline(n, ctx, depth));
}

function inline(node: RootContent, ctx: Ctx, depth: number): Inline[] {
  if (depth > MAX_INLINE_DEPTH && "children" in node) return splitText(plainText(node), ctx);
  switch (node.type) {
    case "text":
      return splitText(node.value, ctx);
    case "emphasis":
      return [{ t: "em", c: inlines(node.children, ctx, depth + 1) }];
    case "strong":
      return [{ t: "strong", c: inlines(node.children, ctx, depth + 1) }];
    case "delete":
      return [{ t: "del", c: inlines(node.children, ctx, depth + 1) }];
    case "inlineCode":
      return [{ t: "code", v: breakable(restoreTokens(node.value, ctx)) }];
    case "break":
      return [{ t: "br" }];
    case "link": {
      // An autolink's text is its URL: printed once.
      const c = inlines(node.children, ctx, depth + 1);
      const url = restoreTokens(node.url, ctx);
      const same = inlineText(c).replace(/\u200B/g, "") === url || `mailto:${inlineText(c)}` === url;
      return [{ t: "link", c, url: same ? "" : breakable(url) }];
    }
    case "linkReference": {
      const url = ctx.definitions.get(node.identifier);
      const c = inlines(node.children, ctx, depth + 1);
      return url !== undefined
        ? [{ t: "link", c, url: breakable(restoreTokens(url, ctx)) }]
        : [{ t: "text", v: "[" }, ...c, { t: "text", v: "]" }];
    }
    case "image":
    case "imageReference": {
      const url = node.type === "image" ? node.url : (ctx.definitions.get(node.identifier) ?? "");
      const alt = restoreTokens(node.alt ?? "", ctx);
      return [
        { t: "text", v: breakable(`[Image${alt ? `: ${alt}` : ""}${url ? ` — ${restoreTokens(url, ctx)}` : ""}]`) },
      ];
    }
    case "html":
      return splitText(node.value, ctx);
    case "footnoteReference":
      return [{ t: "text", v: `[^${node.label ?? node.identifier}]` }];
    default:
      return "children" in node
        ? inlines(node.children as RootContent[], ctx, depth + 1)
        : splitText(plainText(node), ctx);
  }
}

function para(c: Inline[]): Block {
  return { t: "p", ...directed(c) };
}

function blocks(nodes: RootContent[], ctx: Ctx, depth: number): Block[] {
  return nodes.flatMap((n) => block(n, ctx, depth));
}

function block(node: RootContent, ctx: Ctx, depth: number): Block[] {
  // Deep nesting (hostile or not) is flattened: the template's recursion stays shallow.
  if (depth > MAX_BLOCK_DEPTH && (node.type === "blockquote" || node.type === "list")) {
    return [para(splitText(plainText(node), ctx))];
  }
  switch (node.type) {
    case "paragraph":
      return [para(inlines(node.children, ctx, 0))];
    case "heading": {
      return [{ t: "h", level: node.depth, ...directed(inlines(node.children, ctx, 0)) }];
    }
    case "code":
      return [{ t: "code", v: breakable(restoreTokens(node.value, ctx)) }];
    case "html":
      return [para(splitText(node.value, ctx))];
    case "blockquote":
      return [{ t: "quote", c: blocks(node.children, ctx, depth + 1) }];
    case "list":
      return [
        {
          t: "list",
          ordered: node.ordered === true,
          start: node.start ?? 1,
          items: node.children.map((item) => {
            const content = blocks(item.children, ctx, depth + 1);
            if (item.checked === true || item.checked === false) {
              const box: Inline = { t: "text", v: item.checked ? "[x] " : "[ ] " };
              const first = content[0];
              if (first?.t === "p") first.c.unshift(box);
              else content.unshift(para([box]));
            }
            return content;
          }),
        },
      ];
    case "table":
      return [
        {
          t: "table",
          align: node.align ?? [],
          rows: node.children.map((row) => row.children.map((cell) => directed(inlines(cell.children, ctx, 0)))),
        },
      ];
    case "thematicBreak":
      return [{ t: "hr" }];
    case "definition":
      return [];
    case "footnoteDefinition":
      return [
        para([
          { t: "text", v: `[^${node.label ?? node.identifier}]: ` },
          ...blocks(node.children, ctx, depth + 1).flatMap((b) => (b.t === "p" ? b.c : [])),
        ]),
      ];
    default:
      return "children" in node ? [para(inlines(node.children as RootContent[], ctx, 0))] : [];
  }
}

function collectDefinitions(root: Nodes, into: Map<string, string>) {
  const stack: Nodes[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "definition" && !into.has(node.identifier)) into.set(node.identifier, node.url);
    if ("children" in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
}

/** Converts one Markdown text (summary, a key judgment, the body) into blocks, numbering its citations. */
export function markdownToBlocks(markdown: string, numbering: CitationNumbering): Block[] {
  const tokens: CitationRef[] = [];
  const source = markdown
    .replace(UNSAFE_CONTROLS, "")
    .replace(CITATION_TOKEN, (_m, kind: CitationRef["kind"], id: string) => {
      tokens.push({ kind, id });
      return `${MARK_OPEN}${tokens.length - 1}${MARK_CLOSE}`;
    });
  const tree = fromMarkdown(source, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const definitions = new Map<string, string>();
  collectDefinitions(tree, definitions);
  return blocks(tree.children, { numbering, tokens, definitions }, 0);
}

/** Plain text with citations (a key judgment's statement): its paragraphs' inline content. */
export function markdownToInlines(markdown: string, numbering: CitationNumbering): Inline[] {
  const out: Inline[] = [];
  for (const b of markdownToBlocks(markdown, numbering)) {
    if (out.length) out.push({ t: "text", v: " " });
    if (b.t === "p" || b.t === "h") out.push(...b.c);
    else out.push({ t: "text", v: blockText(b) });
  }
  return out;
}

export function blockText(b: Block): string {
  switch (b.t) {
    case "p":
    case "h":
      return inlineText(b.c);
    case "code":
      return b.v;
    case "list":
      return b.items.map((i) => i.map(blockText).join(" ")).join(" ");
    case "quote":
      return b.c.map(blockText).join(" ");
    case "table":
      return b.rows.map((r) => r.map((c) => inlineText(c.c)).join(" ")).join(" ");
    default:
      return "";
  }
}
