import { describe, expect, it } from "vitest";
import {
  describeDecision,
  heldEventIds,
  hold,
  NONE_HELD,
  secondsLeft,
  takeAll,
  takeDue,
  undo,
  UNDO_WINDOW_MS,
} from "@/components/review/pending-decisions";

/** Decisions held in the browser for a few seconds with an Undo, before anything is sent. */

const item = (n: number) => ({ eventId: `e${n}`, round: 1, title: `Event ${n}` });
const T0 = 1_000_000;

describe("holding a decision", () => {
  it("waits the undo window, then is due, and only then", () => {
    const { state, held } = hold(NONE_HELD, { decision: "APPROVE", items: [item(1)], comment: "" }, T0);
    expect(held).toMatchObject({ id: 1, decision: "APPROVE", sendAt: T0 + UNDO_WINDOW_MS });
    expect(takeDue(state, T0 + UNDO_WINDOW_MS - 1).due).toEqual([]);
    const { state: after, due } = takeDue(state, T0 + UNDO_WINDOW_MS);
    expect(due).toEqual([held]);
    expect(after.decisions).toEqual([]);
    // Nothing is sent twice.
    expect(takeDue(after, T0 + 10 * UNDO_WINDOW_MS).due).toEqual([]);
  });

  it("can be undone before it is due, and then is never sent", () => {
    let s = hold(NONE_HELD, { decision: "REJECT", items: [item(1), item(2)], comment: "Duplicate" }, T0).state;
    const r = undo(s, 1);
    expect(r.undone).toMatchObject({ decision: "REJECT", comment: "Duplicate", items: [item(1), item(2)] });
    s = r.state;
    expect(takeDue(s, T0 + UNDO_WINDOW_MS * 2).due).toEqual([]);
    expect(undo(s, 1).undone).toBeNull();
  });

  it("undoes the latest without an id (the u key), each in turn", () => {
    let s = hold(NONE_HELD, { decision: "APPROVE", items: [item(1)], comment: "" }, T0).state;
    s = hold(s, { decision: "REQUEST_CHANGES", items: [item(2)], comment: "Cite it" }, T0 + 100).state;
    const first = undo(s);
    expect(first.undone?.items).toEqual([item(2)]);
    const second = undo(first.state);
    expect(second.undone?.items).toEqual([item(1)]);
    expect(undo(second.state).undone).toBeNull();
  });

  it("never holds an item twice: a second decision leaves it to the first", () => {
    let s = hold(NONE_HELD, { decision: "APPROVE", items: [item(1)], comment: "" }, T0).state;
    const again = hold(s, { decision: "REJECT", items: [item(1)], comment: "No" }, T0 + 10);
    expect(again.held).toBeNull();
    expect(again.state).toBe(s);
    const mixed = hold(s, { decision: "REJECT", items: [item(1), item(3)], comment: "No" }, T0 + 10);
    expect(mixed.held?.items).toEqual([item(3)]);
    s = mixed.state;
    expect([...heldEventIds(s)].sort()).toEqual(["e1", "e3"]);
  });

  it("sends each decision when its own time comes, and everything at once on leaving", () => {
    let s = hold(NONE_HELD, { decision: "APPROVE", items: [item(1)], comment: "" }, T0).state;
    s = hold(s, { decision: "APPROVE", items: [item(2)], comment: "" }, T0 + 2_000).state;
    const first = takeDue(s, T0 + UNDO_WINDOW_MS);
    expect(first.due.map((d) => d.items[0]!.eventId)).toEqual(["e1"]);
    expect(first.state.decisions.map((d) => d.items[0]!.eventId)).toEqual(["e2"]);
    const all = takeAll(first.state);
    expect(all.due.map((d) => d.items[0]!.eventId)).toEqual(["e2"]);
    expect(all.state.decisions).toEqual([]);
  });

  it("counts whole seconds down to zero", () => {
    const { held } = hold(NONE_HELD, { decision: "APPROVE", items: [item(1)], comment: "" }, T0);
    expect(secondsLeft(held!, T0)).toBe(UNDO_WINDOW_MS / 1000);
    expect(secondsLeft(held!, T0 + UNDO_WINDOW_MS - 1)).toBe(1);
    expect(secondsLeft(held!, T0 + UNDO_WINDOW_MS + 5_000)).toBe(0);
  });
});

describe("describeDecision", () => {
  it("says what was done, to what", () => {
    expect(describeDecision({ decision: "APPROVE", items: [{ title: "Envoys meet in Mashhad" }] })).toBe(
      "Approved “Envoys meet in Mashhad”",
    );
    expect(describeDecision({ decision: "REQUEST_CHANGES", items: [{ title: "Border talks" }] })).toBe(
      "Asked for changes on “Border talks”",
    );
    expect(describeDecision({ decision: "REJECT", items: [item(1), item(2), item(3)] })).toBe("Rejected 3 submissions");
  });
});
