import type { Nodes, Root } from "mdast";
import { Children, createElement, isValidElement, type JSX, type ReactNode } from "react";
import ReactMarkdown, { type Components, type ExtraProps } from "react-markdown";
import remarkGfm from "remark-gfm";
import { markdownProblem } from "@/server/schemas/markdown-limits";
import { cn } from "./cn";

/**
 * Analyst-written Markdown, rendered without trusting it.
 *
 * - No rehype-raw: raw HTML in the source is shown as literal text (react-markdown's default),
 *   never parsed, so tags, event handlers and style attributes cannot reach the DOM. Escaping
 *   rather than dropping keeps what the analyst typed visible ("a <b> tag" stays readable).
 * - URLs pass an allowlist (http, https, mailto, relative, #); anything else loses its href.
 *   The check runs on the decoded URL, so `jav&#x09;ascript:` or `JaVaScRiPt:` fail like the plain form.
 * - Images are never loaded: a remote image would leak the reader's IP and the moment they read
 *   the note to whoever wrote the URL. They become a plain link labelled with the alt text.
 * - `dir="auto"` on every text block so Persian and Arabic paragraphs lay out right-to-left.
 * - A text beyond the shape limits (lists nested past 16 levels, thousands of emphasis marks)
 *   is shown as plain text with the reason, never parsed: the parser would overflow the stack
 *   or hold the page for seconds. Within them, nesting past MAX_DEPTH nodes is flattened to
 *   text before rendering, whose steps recurse once per level.
 *
 * No hooks and no "use client": works in Server Components and inside Client Components alike.
 */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const problem = markdownProblem(source);
  if (problem) {
    return (
      <div className={cn("space-y-3 text-sm leading-relaxed text-slate-800 break-words", className)}>
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900" role="note">
          Shown without formatting. {problem}
        </p>
        <p className="whitespace-pre-wrap" dir="auto">
          {source}
        </p>
      </div>
    );
  }
  return (
    <div className={cn("space-y-3 text-sm leading-relaxed text-slate-800 break-words", className)}>
      <ReactMarkdown remarkPlugins={[remarkGfm, flattenDeep]} urlTransform={safeUrl} components={COMPONENTS}>
        {source}
      </ReactMarkdown>
    </div>
  );
}

/** Inline nodes nested deeper than this (emphasis within emphasis…) render as their text. */
const MAX_DEPTH = 48;
/** Only these can nest without end: blocks are bounded by the shape limits, and a list must keep its items. */
const PHRASING = new Set(["emphasis", "strong", "delete", "link", "linkReference"]);

/** A remark plugin: bounds the tree's depth, walking it with a stack rather than recursion. */
function flattenDeep() {
  return (tree: Root) => {
    const stack: [Nodes, number][] = [[tree, 0]];
    while (stack.length) {
      const [node, depth] = stack.pop()!;
      if (!("children" in node)) continue;
      if (depth >= MAX_DEPTH && PHRASING.has(node.type)) {
        (node as { children: Nodes[] }).children = [{ type: "text", value: textOf(node) }];
        continue;
      }
      for (const child of node.children) stack.push([child as Nodes, depth + 1]);
    }
  };
}

function textOf(node: Nodes): string {
  const out: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if ("value" in n && typeof n.value === "string") out.push(n.value);
    else if ("children" in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
  return out.join("");
}

const SCHEME = /^([^:/?#]*):/;
const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);

/** Allowlist, not blocklist: an unknown or obfuscated scheme (`jav\tascript`, `\x01javascript`) simply isn't on it. */
export function safeUrl(url: string): string | null {
  const value = url.trim();
  const scheme = SCHEME.exec(value)?.[1];
  if (scheme === undefined) return value; // relative, `/path`, `?q`, `#anchor`
  return ALLOWED_SCHEMES.has(scheme.toLowerCase()) ? value : null;
}

/** Scheme-bearing or protocol-relative (`//host`, which browsers also spell `\\host`). */
function isExternal(href: string): boolean {
  return SCHEME.test(href) || /^[/\\]{2}/.test(href);
}

const LINK = "text-brand-700 underline underline-offset-2 hover:text-brand-800";

function Link({ node: _node, href, children, ...rest }: JSX.IntrinsicElements["a"] & ExtraProps) {
  if (!href) return <span>{children}</span>;
  // A linked image would put an <a> inside an <a>; keep only its alt text.
  children = Children.map(children as ReactNode, (c) =>
    isValidElement<{ alt?: string }>(c) && c.type === Image ? c.props.alt : c,
  );
  const external = isExternal(href) && !href.toLowerCase().startsWith("mailto:");
  return (
    <a
      {...rest}
      href={href}
      className={LINK}
      rel="noopener noreferrer nofollow"
      {...(external && { target: "_blank" })}
    >
      {children}
    </a>
  );
}

function Image({ src, alt }: JSX.IntrinsicElements["img"] & ExtraProps) {
  const label = alt || (typeof src === "string" ? src : "") || "image";
  if (typeof src !== "string" || !src) return <span>{label}</span>;
  return (
    <a href={src} className={LINK} rel="noopener noreferrer nofollow" {...(isExternal(src) && { target: "_blank" })}>
      {label}
    </a>
  );
}

/** An intrinsic element with house classes (merged with any the Markdown produced, e.g. task lists) and optional `dir="auto"`. */
function styled<K extends keyof JSX.IntrinsicElements>(tag: K, classes: string, auto = false) {
  function Styled(props: JSX.IntrinsicElements[K] & ExtraProps) {
    // `node` is react-markdown's hast node, not a DOM attribute.
    const { node: _node, className, ...rest } = props as ExtraProps & { className?: string };
    return createElement(tag, {
      ...rest,
      className: cn(classes, className) || undefined,
      ...(auto && { dir: "auto" }),
    });
  }
  Styled.displayName = `Markdown.${tag}`;
  return Styled;
}

const COMPONENTS: Components = {
  h1: styled("h1", "mt-5 text-xl font-semibold text-slate-900", true),
  h2: styled("h2", "mt-5 text-lg font-semibold text-slate-900", true),
  h3: styled("h3", "mt-4 text-base font-semibold text-slate-900", true),
  h4: styled("h4", "mt-4 text-sm font-semibold text-slate-900", true),
  h5: styled("h5", "mt-3 text-sm font-semibold text-slate-700", true),
  h6: styled("h6", "mt-3 text-xs font-semibold uppercase tracking-wide text-slate-600", true),
  p: styled("p", "", true),
  ul: styled("ul", "list-disc space-y-1 ps-5"),
  ol: styled("ol", "list-decimal space-y-1 ps-5"),
  li: styled("li", "", true),
  blockquote: styled("blockquote", "border-s-4 border-slate-300 ps-3 text-slate-600", true),
  hr: styled("hr", "border-slate-200"),
  pre: styled(
    "pre",
    "overflow-x-auto rounded-md bg-slate-100 p-3 font-mono text-xs [&_code]:bg-transparent [&_code]:p-0 [&_code]:text-[1em]",
  ),
  code: styled("code", "rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]"),
  table: styled("table", "w-full border-collapse text-start text-sm"),
  th: styled("th", "border border-slate-200 bg-slate-50 px-2 py-1 font-semibold", true),
  td: styled("td", "border border-slate-200 px-2 py-1 align-top", true),
  a: Link,
  img: Image,
};
