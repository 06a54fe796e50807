import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { briefingContentSchema, keyJudgmentSchema } from "../../server/schemas/briefing.ts";
import { MARKDOWN_LIMITS, markdownProblem } from "../../server/schemas/markdown-limits.ts";
import { makeBriefingDocument } from "../helpers/briefing-document.ts";

/**
 * The shape check that keeps hostile Markdown away from the parser: deep
 * nesting and paragraphs crowded with emphasis marks are refused, with the
 * line to look at; everything an analyst plausibly writes passes.
 */

const parse = (md: string) => fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

/** The deepest nesting of an mdast tree, walked without recursion. */
function treeDepth(root: ReturnType<typeof parse>): number {
  let max = 0;
  const stack: [{ children?: unknown[] }, number][] = [[root, 0]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of node.children ?? []) stack.push([c as { children?: unknown[] }, d + 1]);
  }
  return max;
}

describe("refused shapes", () => {
  it.each([
    ["a list nested in one line", `${"- ".repeat(3000)}list`, 1],
    ["a list nested just past the limit", `${"- ".repeat(MARKDOWN_LIMITS.depth + 1)}list`, 1],
    ["quotes nested in one line", `${"> ".repeat(5000)}quote`, 1],
    ["quotes without spaces", `${">".repeat(5000)}quote`, 1],
    ["ordered lists", `${"1. ".repeat(40)}item`, 1],
    ["footnote definitions", `${"[^a]: ".repeat(3000)}x`, 1],
    [
      "footnote definitions by indentation",
      Array.from({ length: 40 }, (_, i) => `${"    ".repeat(i)}[^n${i}]: x`).join("\n"),
      9,
    ],
    ["mixed containers", `Intro\n\n${"- > 1) ".repeat(10)}x`, 3],
    [
      "a list nested by indentation",
      Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n"),
      17,
    ],
    ["tabs", Array.from({ length: 40 }, (_, i) => `${"\t".repeat(i)}* level ${i}`).join("\n"), 9],
  ])("%s", (_name, text, line) => {
    const problem = markdownProblem(text);
    expect(problem).toMatch(/nested more than 16 levels deep/);
    expect(problem).toContain(`(line ${line})`);
  });

  it("a paragraph crowded with emphasis marks or brackets, naming its first line", () => {
    const crowded = `Title\n\nFine paragraph.\n\n${"*a* ".repeat(300)}\n${"_b_ ".repeat(300)}\n${"[x](y) ".repeat(801)}`;
    expect(markdownProblem(crowded)).toMatch(/paragraph at line 5 has more than 2,000 emphasis marks or brackets/);
    expect(markdownProblem("*a* ".repeat(1_250_000))).toMatch(/more than 2,000 emphasis marks/);
    expect(markdownProblem(`${"*".repeat(1001)}deep${"*".repeat(1001)}`)).toMatch(/more than 2,000 emphasis marks/);
    const many = `${"*a* ".repeat(400)}\n\n`.repeat(30);
    expect(markdownProblem(many)).toMatch(
      /more than 20,000 emphasis marks or brackets in all; the limit is reached at line 51/,
    );
  });
});

describe("accepted shapes", () => {
  it("ordinary writing: nesting within the limit, rules, fences, tables, citations, emphasis", () => {
    const text = [
      "# Heading",
      "",
      `${"- ".repeat(MARKDOWN_LIMITS.depth - 1)}deep but allowed`,
      "",
      "* * * * * * * * * * * * * * * * * * * * * * * * *",
      "- - - - - - - - - - - - - - - - - - - - - - - - -",
      "___________________________________________",
      "",
      "```python",
      "def __init__(self, *args, **kwargs):",
      "    self.items = [x for x in args]",
      "```",
      "",
      "| a | b |\n|---|---|\n| **x** | [link](https://example.org) |",
      "",
      `Claims ${"[@event:evt001] ".repeat(3000)}`,
      "",
      `${"*a* ".repeat(1000)}`,
      "",
      `${"**b** ".repeat(500)}`,
      "",
      `${"*".repeat(1000)}deep${"*".repeat(1000)}`,
      "",
      "Name: ________________ Date: ____________",
      "2020. The year the talks began.",
      "-5 degrees in Herat; 3.5 million refugees.",
    ].join("\n");
    expect(markdownProblem(text)).toBeNull();
  });

  it("code blocks are checked too: a fence inside a list item ends with the item, and must not hide what follows", () => {
    // The list item closes the fence, so the second line is parsed as nested lists, not as code.
    expect(markdownProblem(`- \`\`\`\n${"- ".repeat(3000)}list\n\`\`\``)).toMatch(
      /nested more than 16 levels deep \(line 2\)/,
    );
    expect(markdownProblem(`    \`\`\`\n${"- ".repeat(3000)}list`)).toMatch(/\(line 2\)/);
    expect(markdownProblem(`\`\`\`\n${"*a* ".repeat(1001)}\n\`\`\``)).toMatch(/more than 2,000 emphasis marks/);
  });

  it("the exported briefings of the test fixtures", () => {
    const doc = makeBriefingDocument({ events: 20, sources: 10 });
    for (const text of [doc.summary, doc.body, ...doc.keyJudgments.map((k) => k.statement)])
      expect(markdownProblem(text)).toBeNull();
  });

  it("never claims a depth the parser does not reach: anything accepted parses shallowly", () => {
    const piece = fc.constantFrom(
      "- ",
      "> ",
      "* ",
      "1. ",
      "  ",
      "\t",
      "\n",
      "\n\n",
      "x",
      "*",
      "_",
      "[",
      "](u)",
      "```\n",
      "---",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (pieces) => {
        const text = pieces.join("");
        if (markdownProblem(text) === null) expect(treeDepth(parse(text))).toBeLessThan(4 * MARKDOWN_LIMITS.depth);
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });
});

describe("the briefing schema applies the limits at save", () => {
  it("refuses a hostile body, summary or judgment with the shape message", () => {
    const hostile = `${"- ".repeat(3000)}list`;
    const base = { title: "T", marking: "TLP:AMBER" };
    for (const field of ["body", "summary"] as const) {
      const r = briefingContentSchema.safeParse({ ...base, [field]: hostile });
      expect(r.success).toBe(false);
      expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
        [field, expect.stringMatching(/nested more than 16 levels deep \(line 1\)/)],
      ]);
    }
    const kj = keyJudgmentSchema.safeParse({
      id: "k1",
      statement: `${"> ".repeat(900)}x`,
      probability: "LIKELY",
      confidence: "LOW",
    });
    expect(kj.error?.issues[0]?.message).toMatch(/nested more than 16 levels/);
  });

  it("refuses 10 MB of emphasis by its size first", () => {
    const r = briefingContentSchema.shape.body.safeParse("*a* ".repeat(2_500_000));
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe("Keep the body under 400,000 characters");
  });
});
