import { diffWordsWithSpace } from "diff";
import { describe, expect, it } from "vitest";
import { CONTEXT, MAX_PART, MAX_PASSAGES, textChange } from "../../server/lib/text-change.ts";

/** A long article of distinct numbered paragraphs (about 200 KB). */
const article = (paragraphs = 1500) =>
  Array.from(
    { length: paragraphs },
    (_, i) => `Paragraph ${i + 1}: the harbour office logged ${i * 7} arrivals and ${i * 3} departures that week.`,
  ).join("\n");

/** What a word diff of the two excerpts marks as removed and added: what a reviewer sees highlighted. */
function highlighted(before: string, after: string) {
  const parts = diffWordsWithSpace(before, after);
  return {
    removed: parts.filter((p) => p.removed).map((p) => p.value.trim()),
    added: parts.filter((p) => p.added).map((p) => p.value.trim()),
  };
}

describe("a source's text change in brief", () => {
  it("shows each changed passage of a long text with a little context, and nothing else", () => {
    const old = article();
    expect(old.length).toBeGreaterThan(100_000);
    const edited = old
      .replace("Paragraph 12: the harbour office logged 77", "Paragraph 12: the harbour office logged 78")
      .replace("that week.\nParagraph 1400:", "that week.\nA new paragraph on the ferry strike.\nParagraph 1400:");
    const change = textChange(old, edited);
    expect(change).toMatchObject({ lengthBefore: old.length, lengthAfter: edited.length, passages: 2 });
    expect(change.before.length + change.after.length).toBeLessThan(8 * CONTEXT + 200);
    expect(highlighted(change.before, change.after)).toEqual({
      removed: ["77"],
      added: ["78", "A new paragraph on the ferry strike.\n"].map((s) => s.trim()),
    });
    // Each passage starts and ends with "…" where the text goes on.
    expect(change.before.startsWith("…")).toBe(true);
    expect(change.after.split("\n\n")).toHaveLength(2);
  });

  it("says nothing changed for the same text", () => {
    expect(textChange("Same words.", "Same words.")).toEqual({
      before: "",
      after: "",
      lengthBefore: 11,
      lengthAfter: 11,
      passages: 0,
    });
  });

  it("shows at most a few passages, and says how many more there are", () => {
    // Changes closer together than two contexts are one passage: these are a paragraph apart.
    const old = article(200).replace(/that week\./g, `that week.${" The quay was busy.".repeat(8)}`);
    const edited = old.replace(/departures/g, "sailings");
    const change = textChange(old, edited);
    expect(change.passages).toBe(200);
    expect(change.before.split("\n\n")).toHaveLength(MAX_PASSAGES + 1);
    expect(change.after.endsWith(`(${200 - MAX_PASSAGES} more changed passages not shown)`)).toBe(true);
  });

  it("stays small when the whole text is replaced", () => {
    const old = article();
    const replaced = article()
      .replace(/Paragraph/g, "Section")
      .replace(/harbour/g, "river");
    const change = textChange(old, replaced);
    expect(change.passages).toBeGreaterThan(0);
    expect(change.before.length).toBeLessThan(MAX_PASSAGES * (MAX_PART + 2 * CONTEXT + 10) + 100);
    expect(change.after.length).toBeLessThan(MAX_PASSAGES * (MAX_PART + 2 * CONTEXT + 10) + 100);
    // A text added to an empty one is shown by its head and tail.
    const added = textChange("", old);
    expect(added.before).toBe("");
    expect(added.after).toContain("[…]");
    expect(added.after.length).toBeLessThanOrEqual(MAX_PART + 5);
  });

  it("never cuts a character in two, so the excerpt can be stored as JSON", () => {
    const old = `گزارش بندر ${"😀".repeat(300)} پایان`;
    const edited = `گزارش بندر ${"😃".repeat(300)} پایان`;
    const change = textChange(old, edited);
    for (const s of [change.before, change.after]) {
      expect(s).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(JSON.parse(JSON.stringify(s))).toBe(s);
    }
    expect(change.before).toContain("گزارش بندر");
  });
});
