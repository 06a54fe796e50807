import { describe, expect, it } from "vitest";
import { bidiRuns, dominantDirection } from "../../server/schemas/bidi-runs.ts";

describe("mixed-script runs", () => {
  const opening = "طیب آغا (Tayyab Agha) reached Mashhad on Tuesday as the envoy of the Taliban.";

  it("takes a paragraph's direction from most of its letters, not the first one", () => {
    expect(dominantDirection(opening)).toBe("ltr");
    expect(dominantDirection("به گفته یک مقام استانی، هیات Taliban دو روز ماند.")).toBe("rtl");
    expect(dominantDirection("12 — 2015")).toBeNull();
  });

  it("isolates the Persian name at the start of an English line, leaving the brackets outside", () => {
    const runs = bidiRuns(opening, "ltr");
    expect(runs[0]).toEqual({ text: "طیب آغا", isolate: true });
    expect(runs.filter((r) => r.isolate)).toHaveLength(1);
    expect(runs.map((r) => r.text).join("")).toBe(opening);
  });

  it("isolates an English word inside a Persian line", () => {
    const line = "هیات Taliban دو روز در مشهد ماند.";
    const runs = bidiRuns(line, "rtl");
    expect(runs.filter((r) => r.isolate).map((r) => r.text)).toEqual(["Taliban"]);
    expect(runs.map((r) => r.text).join("")).toBe(line);
  });

  it("keeps a multi-word name in one run, spaces and joiners included", () => {
    const line = "A spokesman, Zabihullah Mujahid (ذبیح‌الله مجاهد), said nothing.";
    expect(
      bidiRuns(line, "ltr")
        .filter((r) => r.isolate)
        .map((r) => r.text),
    ).toEqual(["ذبیح‌الله مجاهد"]);
  });

  it("leaves one-script text whole", () => {
    expect(bidiRuns("Only English here.", "ltr")).toEqual([{ text: "Only English here.", isolate: false }]);
    expect(bidiRuns("", "ltr")).toEqual([]);
  });
});
