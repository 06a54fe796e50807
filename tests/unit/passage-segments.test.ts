import { describe, expect, it } from "vitest";
import { groupLines, segmentText } from "../../components/sources/passage-offsets.ts";

describe("reader segments", () => {
  const text = "First line about Mashhad.\nدومین خط فارسی\n\nLast line.";
  const citations = [
    { id: "a", startOffset: 17, endOffset: 24 }, // "Mashhad"
    { id: "b", startOffset: 20, endOffset: 35 }, // overlaps a, crosses the first line break
  ];

  it("covers the text exactly, in order, with no gaps or overlaps", () => {
    const segs = segmentText(text, citations);
    expect(segs.map((s) => text.slice(s.start, s.end)).join("")).toBe(text);
    segs.forEach((s, i) => i > 0 && expect(s.start).toBe(segs[i - 1]!.end));
  });

  it("marks each piece with every citation covering it", () => {
    const segs = segmentText(text, citations);
    const at = (offset: number) => segs.find((s) => s.start <= offset && offset < s.end)!.citationIds.sort();
    expect(at(17)).toEqual(["a"]);
    expect(at(21)).toEqual(["a", "b"]);
    expect(at(30)).toEqual(["b"]);
    expect(at(0)).toEqual([]);
  });

  it("groups pieces into lines that end with their line break, blank lines included", () => {
    const lines = groupLines(text, segmentText(text, citations)).map((l) =>
      l.map((s) => text.slice(s.start, s.end)).join(""),
    );
    expect(lines).toEqual(["First line about Mashhad.\n", "دومین خط فارسی\n", "\n", "Last line."]);
  });
});
