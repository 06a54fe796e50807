import { describe, expect, it } from "vitest";
import {
  aggregate,
  distanceFromConsensus,
  ratingLabel,
  step,
  suggestConfirmed,
  type Grade,
} from "../../server/schemas/admiralty.ts";

const rel = (...v: string[]) => aggregate("reliability", v as Grade[]);
const cred = (...v: string[]) => aggregate("credibility", v as Grade[]);

describe("Admiralty aggregation", () => {
  it("maps judgeable grades to steps and F / 6 to none", () => {
    expect(["A", "B", "C", "D", "E", "F"].map((g) => step(g as Grade))).toEqual([1, 2, 3, 4, 5, null]);
    expect(["1", "2", "3", "4", "5", "6"].map((g) => step(g as Grade))).toEqual([1, 2, 3, 4, 5, null]);
  });

  it("counts every grade, cannot-judge apart, and never averages F in", () => {
    const a = rel("B", "B", "C", "F", "F");
    expect(a.distribution).toEqual({ A: 0, B: 2, C: 1, D: 0, E: 0, F: 2 });
    expect(a).toMatchObject({ total: 5, judgeable: 3, cannotJudge: 2, consensus: "B" });
    // Were F counted as 6, the median of B,B,C,F,F would be C.
  });

  it("takes the more cautious middle grade for an even number of votes", () => {
    expect(rel("A", "C").consensus).toBe("C");
    expect(cred("2", "3").consensus).toBe("3");
  });

  it("reports 'cannot be judged' only when nobody could judge, and nothing without votes", () => {
    expect(cred("6", "6").consensus).toBe("6");
    expect(rel().consensus).toBeNull();
    expect(rel().contested).toBe(false);
  });

  it("flags wide disagreement (interquartile range of two steps or more)", () => {
    expect(rel("A", "A", "D", "D").contested).toBe(true);
    expect(rel("B", "B", "C", "C").contested).toBe(false);
    expect(cred("1", "5").contested).toBe(true);
    expect(cred("2", "2", "2", "2", "5").contested).toBe(false);
    expect(cred("2").contested).toBe(false);
  });

  it("measures agreement as the share within one step of the consensus", () => {
    expect(cred("2", "2", "3", "5").agreement).toBe(0.75);
    expect(cred("6").agreement).toBeNull();
  });

  it("writes ratings as the two axes side by side", () => {
    expect(ratingLabel("B", "2")).toBe("B2");
    expect(ratingLabel(null, "2")).toBe("–2");
    expect(ratingLabel(undefined, undefined)).toBe("––");
  });

  it("writes ? for a part the reader may not see yet, whatever its value", () => {
    expect(ratingLabel(null, null, { reliability: true, credibility: true })).toBe("??");
    expect(ratingLabel("B", null, { credibility: true })).toBe("B?");
    expect(ratingLabel(null, "2", { reliability: true, credibility: false })).toBe("?2");
    // A hidden part never shows through, even if a value were passed along.
    expect(ratingLabel("B", "2", { reliability: true, credibility: true })).toBe("??");
  });

  it("measures how far a vote is from the consensus, ignoring cannot-judge", () => {
    expect(distanceFromConsensus("D" as Grade, "B" as Grade)).toBe(2);
    expect(distanceFromConsensus("F" as Grade, "B" as Grade)).toBe(0);
    expect(distanceFromConsensus("2" as Grade, null)).toBe(0);
  });

  it("suggests 'confirmed' only with two or more independent origins", () => {
    expect(suggestConfirmed(1)).toBe(false);
    expect(suggestConfirmed(2)).toBe(true);
  });
});
