import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "../../components/ui/markdown.tsx";

// The unit project only picks up *.test.ts, so no JSX here.
const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

type Tag = { name: string; attrs: [string, string][] };

/** React escapes `<` in text, so every literal `<` in its output opens a real tag. */
function tags(html: string): Tag[] {
  return [...html.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attrs: [...(m[2] ?? "").matchAll(/\s+([^\s=/>]+)(?:="([^"]*)")?/g)].map((a) => [
      a[1]!.toLowerCase(),
      decode(a[2] ?? ""),
    ]),
  }));
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

const textOf = (html: string) => decode(html.replace(/<[^>]*>/g, ""));

const FORBIDDEN_TAGS = new Set([
  "script",
  "img",
  "iframe",
  "object",
  "embed",
  "style",
  "form",
  "base",
  "meta",
  "link",
  "svg",
  "math",
  "frame",
  "frameset",
  "video",
  "audio",
  "source",
  "button",
  "textarea",
  "select",
  "details",
]);
const URL_ATTRS = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "xlink:href",
  "poster",
  "data",
  "srcdoc",
  "background",
  "cite",
]);
const SAFE_URL = /^(?:https?:|mailto:|[^:]*$|[^:]*[/?#])/i; // an allowed scheme, or no scheme before the first / ? #

function assertSafe(html: string) {
  expect(html).not.toMatch(/<script/i);
  for (const { name, attrs } of tags(html)) {
    expect(FORBIDDEN_TAGS.has(name), `<${name}> in ${html}`).toBe(false);
    if (name === "input")
      expect(attrs).toEqual(
        expect.arrayContaining([
          ["type", "checkbox"],
          ["disabled", ""],
        ]),
      );
    for (const [attr, value] of attrs) {
      expect(attr, `event handler in ${html}`).not.toMatch(/^on/);
      // Table alignment is the only style Markdown produces; nothing user-written gets one.
      if (attr === "style") expect(value).toMatch(/^text-align:(left|right|center)$/);
      if (URL_ATTRS.has(attr)) {
        // Judge the URL as a browser would: it drops ASCII tab/newline anywhere and control chars/space in front.
        const seen = value
          .replace(/[\t\n\r]/g, "")
          // eslint-disable-next-line no-control-regex
          .replace(/^[\u0000-\u0020]+/, "")
          .toLowerCase();
        expect(seen, `${attr}=${value}`).not.toMatch(/^(javascript|vbscript|data):/);
        expect(seen, `${attr}=${value}`).toMatch(SAFE_URL);
      }
    }
  }
  // Same check without the parser above: markup only (text is escaped, so it holds no `<`), quoted values blanked,
  // since an escaped `onerror=` in text or inside a title is harmless.
  const markup = (html.match(/<[^>]*>/g) ?? []).join("").replace(/="[^"]*"/g, '=""');
  expect(markup).not.toMatch(/\son\w+=/i);
}

/** Raw HTML is escaped (shown as the analyst typed it), never parsed and never silently dropped. */
const raw = (md: string) => ({ md, text: md });
const withText = (md: string, text: string) => ({ md, text });

const PAYLOADS: { md: string; text: string }[] = [
  // Raw HTML: every one must come out as literal text.
  raw("<script>alert(1)</script>"),
  raw("<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>"),
  raw("<img src=x onerror=alert(1)>"),
  raw(`<IMG SRC="javascript:alert('XSS');">`),
  raw(`<img src="https://evil.example/track.png">`),
  raw("<svg onload=alert(1)>"),
  raw("<svg><script>alert(1)</script></svg>"),
  raw("<body onload=alert(1)>"),
  raw(`<iframe src="javascript:alert(1)"></iframe>`),
  raw(`<iframe srcdoc="<script>alert(1)</script>"></iframe>`),
  raw(`<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>`),
  raw(`<embed src="https://evil.example/x.swf">`),
  raw(`<a href="javascript:alert(1)">click</a>`),
  raw(`<a href="&#106;avascript:alert(1)">click</a>`),
  raw(`<a href="https://ok.example" onclick="alert(1)">click</a>`),
  raw(`<div style="background:url(javascript:alert(1))">styled</div>`),
  raw(`<style>@import 'https://evil.example/x.css';</style>`),
  raw(`<link rel=stylesheet href=https://evil.example/x.css>`),
  raw("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
  raw(`<form action="javascript:alert(1)"><button>go</button></form>`),
  raw(`<base href="https://evil.example/">`),
  raw(`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`),
  raw("<details open ontoggle=alert(1)>"),
  raw("<xss onafterscriptexecute=alert(1)>"),
  raw("<<script>alert(1)//<</script>"),
  raw("<div><p>unclosed <b onmouseover=alert(1)>bold"),
  raw("<!--<img src=x onerror=alert(1)>-->"),
  raw(`<a href="https://ok.example">a <img src=x onerror=alert(1)></a>`),
  withText("**bold <img src=x onerror=alert(1)>**", "bold <img src=x onerror=alert(1)>"),
  withText("| cell |\n|---|\n| <img src=x onerror=alert(1)> |", "<img src=x onerror=alert(1)>"),
  withText("[ok](https://ok.example)<svg/onload=alert(1)>", "ok<svg/onload=alert(1)>"),
  withText("`<script>alert(1)</script>`", "<script>alert(1)</script>"),
  // Links with dangerous or obfuscated schemes: the text stays, the link goes.
  withText("[x](javascript:alert(1))", "x"),
  withText("[x](JaVaScRiPt:alert(1))", "x"),
  withText("[x](jav&#x09;ascript:alert(1))", "x"),
  withText("[x](jav&#x0A;ascript:alert(1))", "x"),
  withText("[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))", "x"),
  withText("[x](javascript&colon;alert(1))", "x"),
  withText("[x](  javascript:alert(1))", "x"),
  withText("[x](<javascript:alert(1)>)", "x"),
  withText(`[x](javascript:alert(1) "title")`, "x"),
  withText("[x](\u0001javascript:alert(1))", "x"),
  withText("[x](java\\u0073cript:alert(1))", "x"),
  withText("[x](%6A%61%76%61script:alert(1))", "x"),
  withText("[x](vbscript:msgbox(1))", "x"),
  withText("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "x"),
  withText("[x](DATA:text/html,<script>alert(1)</script>)", "x"),
  withText("[x][ref]\n\n[ref]: javascript:alert(1)", "x"),
  withText(`[x][ref]\n\n[ref]: <jav&#x09;ascript:alert(1)> "title"`, "x"),
  withText("[x]\n\n[x]: vbscript:msgbox(1)", "x"),
  withText(`[x](https://ok.example "\\" onmouseover=\\"alert(1)")`, "x"),
  withText("<javascript:alert(1)>", "javascript:alert(1)"),
  withText("<vbscript:msgbox(1)>", "vbscript:msgbox(1)"),
  withText("<data:text/html,alert(1)>", "data:text/html,alert(1)"),
  withText("javascript:alert(1)", "javascript:alert(1)"),
  // Images: never an <img>, whatever the URL.
  withText("![x](javascript:alert(1))", "x"),
  withText("![x](https://evil.example/track.png)", "x"),
  withText("![x][pixel]\n\n[pixel]: https://evil.example/pixel.gif", "x"),
  withText(`![x" onerror="alert(1)](https://evil.example/a.png)`, `x" onerror="alert(1)`),
  withText("![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "x"),
  withText("[![x](https://evil.example/a.png)](https://ok.example)", "x"),
];

describe("Markdown: XSS corpus", () => {
  it("has a corpus worth the name", () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(PAYLOADS)("renders $md safely", ({ md, text }) => {
    const html = render(md);
    assertSafe(html);
    expect(textOf(html)).toContain(text);
  });

  it("renders a remote image as a plain link labelled with its alt text", () => {
    const html = render("![satellite view](https://evil.example/track.png)");
    expect(html).not.toMatch(/<img/i);
    expect(html).toMatch(/<a href="https:\/\/evil\.example\/track\.png"[^>]*>satellite view<\/a>/);
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it("keeps a linked image to its alt text, without nesting <a> in <a>", () => {
    const html = render("[![logo](https://evil.example/a.png)](https://ok.example)");
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toMatch(/<a href="https:\/\/ok\.example"[^>]*>logo<\/a>/);
  });

  it("leaves a link with a rejected scheme as plain text, no <a>", () => {
    const html = render("[click me](javascript:alert(1))");
    expect(html).not.toMatch(/<a[\s>]/);
    expect(textOf(html)).toContain("click me");
  });
});

describe("Markdown: rendering", () => {
  const tagNames = (html: string) => tags(html).map((t) => t.name);

  it("renders headings, emphasis and lists", () => {
    const html = render("# Title\n\n## Sub\n\n*em* **strong** ~~gone~~\n\n- one\n- two\n\n1. first\n2. second");
    expect(tagNames(html)).toEqual(expect.arrayContaining(["h1", "h2", "em", "strong", "del", "ul", "ol", "li"]));
    expect(html).toMatch(/<h1[^>]*>Title<\/h1>/);
    expect(html).toMatch(/<em>em<\/em>/);
    expect(html).toMatch(/<strong>strong<\/strong>/);
    expect(html.match(/<li /g)).toHaveLength(4);
  });

  it("renders a GFM table with dir=auto on its cells", () => {
    const html = render("| Actor | Place |\n|:--|--:|\n| A | Tehran |");
    expect(tagNames(html)).toEqual(expect.arrayContaining(["table", "thead", "tbody", "tr", "th", "td"]));
    expect(html).toMatch(/<th[^>]*dir="auto"[^>]*>Actor<\/th>/);
    expect(html).toMatch(/<td[^>]*dir="auto"[^>]*>Tehran<\/td>/);
  });

  it("opens https links in a new tab with rel noopener noreferrer nofollow", () => {
    const html = render("[report](https://example.org/report)");
    const [a] = tags(html).filter((t) => t.name === "a");
    expect(a?.attrs).toEqual(
      expect.arrayContaining([
        ["href", "https://example.org/report"],
        ["rel", "noopener noreferrer nofollow"],
        ["target", "_blank"],
      ]),
    );
  });

  it("keeps mailto and in-page links, without a new tab", () => {
    const html = render("[mail](mailto:desk@example.org) [top](#top) [event](/w/acme/events/1)");
    const links = tags(html).filter((t) => t.name === "a");
    expect(links.map((l) => Object.fromEntries(l.attrs).href)).toEqual([
      "mailto:desk@example.org",
      "#top",
      "/w/acme/events/1",
    ]);
    for (const l of links) expect(Object.fromEntries(l.attrs).target).toBeUndefined();
  });

  it("puts dir=auto on Persian paragraphs, list items, headings and quotes", () => {
    const html = render("## گزارش\n\nاین یک پاراگراف فارسی است.\n\n- مورد اول\n\n> نقل قول");
    expect(html).toMatch(/<h2[^>]*dir="auto"[^>]*>گزارش<\/h2>/);
    expect(html).toMatch(/<p[^>]*dir="auto"[^>]*>این یک پاراگراف فارسی است.<\/p>/);
    expect(html).toMatch(/<li[^>]*dir="auto"[^>]*>مورد اول<\/li>/);
    expect(html).toMatch(/<blockquote[^>]*dir="auto"/);
  });

  it("keeps code blocks literally", () => {
    const code = `const a = "<b>&amp;</b>";\nif (a < 1 && b > 2) { run(); }\n[x](javascript:alert(1)) *not emphasis*`;
    const html = render("```ts\n" + code + "\n```");
    expect(html).toMatch(/<pre[^>]*><code[^>]*language-ts/);
    expect(textOf(html)).toContain(code);
    expect(tagNames(html)).not.toContain("a");
    expect(tagNames(html)).not.toContain("em");
  });

  it("shows raw HTML as the text the analyst typed", () => {
    expect(textOf(render("Press <kbd>Ctrl</kbd> then <b>go</b>."))).toContain("Press <kbd>Ctrl</kbd> then <b>go</b>.");
  });
});
