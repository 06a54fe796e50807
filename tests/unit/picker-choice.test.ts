import { describe, expect, it } from "vitest";
import { activeIndex, enterChoice, moveActive, type PickerView } from "@/components/briefings/picker-choice";

/**
 * Which option the citation picker inserts on Enter: the one the arrows
 * highlighted, or after typing the first match of what was typed, never a
 * stale result from before the latest keystroke.
 */

type Opt = { id: string };
const keyOf = (o: Opt) => o.id;
const opts = (...ids: string[]) => ids.map((id) => ({ id }));

const view = (over: Partial<PickerView<Opt>>): PickerView<Opt> => ({
  query: "tal",
  shownFor: "tal",
  items: opts("a", "b", "c"),
  activeKey: null,
  empty: false,
  ...over,
});

describe("enterChoice", () => {
  it("inserts the first match of what was typed once its results are listed", () => {
    expect(enterChoice(view({}), keyOf)).toEqual({ kind: "pick", item: { id: "a" } });
  });

  it("waits, rather than insert a result listed for an earlier query", () => {
    // "tali" typed; the list still answers "tal" (debounce, or the request in flight).
    const stale = view({ query: "tali", shownFor: "tal" });
    expect(enterChoice(stale, keyOf)).toEqual({ kind: "wait" });
    // Nothing listed yet at all.
    expect(enterChoice(view({ query: "t", shownFor: null, items: [] }), keyOf)).toEqual({ kind: "wait" });
    // Once the results of "tali" are in: their first match.
    expect(enterChoice(view({ query: "tali", shownFor: "tali", items: opts("d", "a") }), keyOf)).toEqual({
      kind: "pick",
      item: { id: "d" },
    });
  });

  it("inserts the option the arrows highlighted, wherever it stands in the list", () => {
    expect(enterChoice(view({ activeKey: "c" }), keyOf)).toEqual({ kind: "pick", item: { id: "c" } });
    // Highlighted on screen while newer results are still on their way: still the one highlighted.
    expect(enterChoice(view({ query: "tali", activeKey: "b" }), keyOf)).toEqual({ kind: "pick", item: { id: "b" } });
  });

  it("falls back to the first match when the highlighted option left the list", () => {
    expect(enterChoice(view({ activeKey: "gone", items: opts("x", "y") }), keyOf)).toEqual({
      kind: "pick",
      item: { id: "x" },
    });
    expect(enterChoice(view({ activeKey: "gone", query: "tali" }), keyOf)).toEqual({ kind: "wait" });
  });

  it("does nothing with nothing typed, or nothing matching", () => {
    expect(enterChoice(view({ empty: true, query: "", shownFor: null, items: [] }), keyOf)).toEqual({ kind: "none" });
    expect(enterChoice(view({ items: [] }), keyOf)).toEqual({ kind: "none" });
  });
});

describe("moving the highlight", () => {
  it("starts on the first option and wraps around both ways", () => {
    const v = view({});
    expect(activeIndex(v, keyOf)).toBe(0);
    expect(moveActive(v, keyOf, 1)).toBe("b");
    expect(moveActive(v, keyOf, -1)).toBe("c");
    expect(moveActive(view({ activeKey: "c" }), keyOf, 1)).toBe("a");
    expect(moveActive(view({ activeKey: "b" }), keyOf, -1)).toBe("a");
  });

  it("follows the highlighted option when the list reorders, and has nothing to move in an empty list", () => {
    expect(activeIndex(view({ activeKey: "b", items: opts("b", "a") }), keyOf)).toBe(0);
    expect(activeIndex(view({ activeKey: "b", items: opts("c", "a", "b") }), keyOf)).toBe(2);
    expect(activeIndex(view({ items: [] }), keyOf)).toBe(-1);
    expect(moveActive(view({ items: [] }), keyOf, 1)).toBeNull();
  });
});
