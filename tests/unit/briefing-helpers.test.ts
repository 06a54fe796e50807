import { describe, expect, it } from "vitest";
import { orderedRefs, type BriefingContent, type KeyJudgment } from "../../server/schemas/briefing.ts";
import { describeRevision, diffBriefing, judgmentLine } from "../../server/lib/briefing-diff.ts";
import { canonicalJson, contentHashOf } from "../../server/lib/canonical-hash.ts";
import { chronologyMarkdown, ratingText } from "../../server/lib/chronology-table.ts";

const kj = (over: Partial<KeyJudgment> = {}): KeyJudgment => ({
  id: "k1",
  statement: "Contacts will continue.",
  probability: "VERY_LIKELY",
  confidence: "HIGH",
  eventIds: [],
  sourceIds: [],
  ...over,
});

const content = (over: Partial<BriefingContent> = {}): BriefingContent => ({
  title: "Iran and the Taliban",
  marking: "TLP:AMBER",
  summary: "Short summary.",
  body: "First line.\nSecond line.\n",
  keyJudgments: [kj()],
  ...over,
});

describe("diffBriefing", () => {
  it("reports every field, unchanged ones as one plain part", () => {
    const d = diffBriefing(content(), content());
    expect(d.map((f) => f.field)).toEqual(["title", "marking", "summary", "keyJudgments", "body"]);
    expect(d.every((f) => !f.changed)).toBe(true);
    expect(d.find((f) => f.field === "title")!.parts).toEqual([
      { value: "Iran and the Taliban", added: false, removed: false },
    ]);
  });

  it("diffs the body by line and short fields by word, so both sides can be rebuilt", () => {
    const before = content();
    const after = content({
      title: "Iran and the Taliban since 2021",
      body: "First line.\nSecond line, changed.\nThird line.\n",
    });
    const d = diffBriefing(before, after);
    const body = d.find((f) => f.field === "body")!;
    expect(body.changed).toBe(true);
    expect(body.parts.filter((p) => p.removed).map((p) => p.value)).toEqual(["Second line.\n"]);
    expect(body.parts.filter((p) => p.added).map((p) => p.value)).toEqual(["Second line, changed.\nThird line.\n"]);
    for (const f of d) {
      const [a, b] = [
        f.parts
          .filter((p) => !p.added)
          .map((p) => p.value)
          .join(""),
        f.parts
          .filter((p) => !p.removed)
          .map((p) => p.value)
          .join(""),
      ];
      const field = f.field === "keyJudgments" ? null : f.field;
      if (field) expect([a, b]).toEqual([before[field], after[field]]);
    }
    const title = d.find((f) => f.field === "title")!;
    expect(
      title.parts
        .filter((p) => p.added)
        .map((p) => p.value.trim())
        .join(" "),
    ).toBe("since 2021");
  });

  it("shows a key judgment's probability, confidence and support as readable text", () => {
    const line = judgmentLine(kj({ probability: "UNLIKELY", confidence: "LOW", eventIds: ["e1"], sourceIds: ["s1"] }));
    expect(line).toBe("Contacts will continue. — Unlikely (20–45 %); Low confidence; [@event:e1] [@source:s1]");
    const d = diffBriefing(content(), content({ keyJudgments: [kj({ probability: "LIKELY" })] }));
    const kjDiff = d.find((f) => f.field === "keyJudgments")!;
    expect(kjDiff.changed).toBe(true);
    expect(kjDiff.parts.find((p) => p.added)!.value).toContain("Likely (55–80 %)");
  });

  it("shows a field rewritten past the diff's bounds as replaced whole, instead of holding the server", () => {
    // Two unrelated 60 KB bodies: an unbounded line diff of these took over 20 s of the server's thread.
    const lines = (tag: string) => Array.from({ length: 5000 }, (_, i) => `line ${tag} ${i}`).join("\n");
    const words = (tag: string) => Array.from({ length: 3000 }, (_, i) => `${tag}${i}`).join(" ");
    const before = content({ body: lines("a"), summary: words("x") });
    const after = content({ body: lines("b"), summary: words("y") });
    const d = diffBriefing(before, after);
    expect(d.find((f) => f.field === "body")!.parts).toEqual([
      { value: before.body, added: false, removed: true },
      { value: after.body, added: true, removed: false },
    ]);
    expect(d.find((f) => f.field === "summary")!.parts).toEqual([
      { value: before.summary, added: false, removed: true },
      { value: after.summary, added: true, removed: false },
    ]);
  });
});

describe("describeRevision", () => {
  it("names each kind of history row", () => {
    expect(describeRevision("created", 1, { title: "T" })).toBe("Created “T”");
    // Saves are not versions: no save counter reaches the reader.
    expect(describeRevision("updated", 4, { title: "T" })).toBe("Saved changes");
    expect(describeRevision("submitted", 4, { round: 2 })).toBe("Submitted for review (round 2)");
    expect(describeRevision("review_approve", 4, { round: 2, outcome: "PUBLISHED", comment: "" })).toBe(
      "Approved (round 2) — published",
    );
    expect(
      describeRevision("review_request_changes", 4, { round: 1, outcome: "CHANGES_REQUESTED", comment: "Add dates" }),
    ).toBe("Asked for changes (round 1): “Add dates”");
  });
});

describe("canonical JSON and the content hash", () => {
  it("does not depend on key order, at any depth", () => {
    const a = {
      content: { title: "x", body: "y", keyJudgments: [{ id: "1", eventIds: ["a"] }] },
      cited: { events: [], sources: [] },
    };
    const b = {
      cited: { sources: [], events: [] },
      content: { keyJudgments: [{ eventIds: ["a"], id: "1" }], body: "y", title: "x" },
    };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(contentHashOf(a)).toBe(contentHashOf(b));
    expect(contentHashOf(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with any content, keeps array order and drops undefined like JSON", () => {
    expect(canonicalJson({ b: 1, a: [2, 1], c: undefined, d: null, e: "ش" })).toBe(
      '{"a":[2,1],"b":1,"d":null,"e":"ش"}',
    );
    expect(contentHashOf({ content: { t: "a" }, cited: {} })).not.toBe(
      contentHashOf({ content: { t: "b" }, cited: {} }),
    );
  });
});

describe("footnote order", () => {
  it("numbers in reading order (summary, key judgments, body, extra refs) without repeats, events and sources together", () => {
    const refs = orderedRefs({
      summary: "As [@source:s9] says",
      keyJudgments: [kj({ statement: "See [@event:e3]", eventIds: ["e1", "e3"], sourceIds: ["s1"] })],
      body: "A [@event:e2] B [@event:e1] C [@source:s9]",
      refs: [{ kind: "event", id: "e4" }],
    });
    expect(refs.map((r) => `${r.kind}:${r.id}`)).toEqual([
      "source:s9",
      "event:e3",
      "event:e1",
      "source:s1",
      "event:e2",
      "event:e4",
    ]);
  });
});

describe("chronologyMarkdown", () => {
  it("writes a table of cited events whose titles cannot break the table", () => {
    const md = chronologyMarkdown([
      { id: "e1", title: "Talks | in\nKabul", dateText: "May 2015", rating: "B2", contested: false },
      { id: "e2", title: "Unrated visit", dateText: "c. 2018", rating: null, contested: false },
      { id: "e3", title: "Disputed meeting", dateText: "2020", rating: "C3", contested: true },
    ]);
    const rows = md.split("\n").filter((l) => l.startsWith("| "));
    expect(rows[0]).toBe("| Date | Event | Rating |");
    expect(rows[2]).toBe("| May 2015 | Talks \\| in Kabul [@event:e1] | B2 |");
    expect(rows[3]).toBe("| c. 2018 | Unrated visit [@event:e2] | Not rated |");
    expect(rows[4]).toContain("C3 (contested)");
    expect(ratingText({ rating: null, contested: true })).toBe("Not rated");
  });
});
