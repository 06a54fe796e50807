import { describe, expect, it } from "vitest";
import { buildReferences, numberCitations, numberPlain } from "@/components/briefings/references";
import { orderedRefs } from "@/server/schemas/briefing";
import type { BriefingContent } from "@/server/schemas/briefing";

const content = (over: Partial<BriefingContent>): BriefingContent => ({
  title: "T",
  marking: "TLP:CLEAR",
  summary: "",
  body: "",
  keyJudgments: [],
  ...over,
});
const kj = (eventIds: string[], statement = "S") => ({
  id: `kj-${statement}`,
  statement,
  probability: "LIKELY" as const,
  confidence: "LOW" as const,
  eventIds,
  sourceIds: [],
});

describe("briefing preview numbering", () => {
  it("numbers references in reading order (summary, key judgments, body) without repeats", () => {
    const refs = orderedRefs(
      content({
        summary: "See [@event:s1].",
        keyJudgments: [kj(["k1", "s1"], "Per [@source:q1]")],
        body: "A [@event:b1] B [@event:k1] C [@event:b1]",
      }),
    );
    expect(refs.map((r) => `${r.kind}:${r.id}`)).toEqual(["event:s1", "source:q1", "event:k1", "event:b1"]);
  });

  it("turns tokens into numbered in-page links, problems into a marked number, unknown ones into [?]", () => {
    const refs = buildReferences(
      [
        { kind: "event", id: "a" },
        { kind: "event", id: "gone" },
      ],
      {
        events: [{ id: "a", title: "Event A", dateText: "May 2015", rating: "B2" }],
        sources: [],
        problems: [{ kind: "event", id: "gone", reason: "deleted" }],
      },
    );
    expect(refs[0]).toMatchObject({ n: 1, title: "Event A", dateText: "May 2015", rating: "B2", problem: null });
    expect(refs[1]).toMatchObject({ n: 2, title: null, problem: "deleted" });
    expect(numberCitations("x [@event:a] y [@event:gone] z [@source:zz]", refs, "r")).toBe(
      "x [\\[1\\]](#r-1) y \\[2 ⚠\\] z \\[?\\]",
    );
    expect(numberPlain("judged [@event:a]", refs)).toBe("judged [1]");
  });

  it("flags a reference the server did not resolve as missing once the answer is in", () => {
    const ref = [{ kind: "source" as const, id: "nope" }];
    expect(buildReferences(ref, undefined)[0]!.problem).toBeNull();
    expect(buildReferences(ref, { events: [], sources: [], problems: [] })[0]!.problem).toBe("missing");
  });
});
