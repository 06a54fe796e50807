/**
 * Which option the citation picker's Enter inserts. Pure, so the rules are
 * unit-tested without a browser or a network.
 *
 * - The keyboard alone moves the highlight; the mouse only hovers (a click
 *   picks what it clicks). So Enter inserts the option the arrows
 *   highlighted, wherever the pointer rests while the list moves under it.
 * - Typing resets the highlight to "the first match". Results arrive after
 *   the typing (a short debounce, then the network), and the list on screen
 *   may still answer an earlier query. Enter then waits for the results of
 *   what was typed and inserts their first match, never a stale one.
 */

export type PickerView<T> = {
  /** What is being searched now (the trimmed text, with anything else that shapes the results). */
  query: string;
  /** The query the listed results answer; null while nothing is listed. */
  shownFor: string | null;
  items: readonly T[];
  /** The option the arrows highlighted, by key; null for "the first match". */
  activeKey: string | null;
  /** True when nothing is typed (Enter has nothing to insert). */
  empty: boolean;
};

export type EnterChoice<T> = { kind: "pick"; item: T } | { kind: "wait" } | { kind: "none" };

/** The index shown highlighted: the arrows' choice while it is listed, else the first; -1 with nothing listed. */
export function activeIndex<T>(view: PickerView<T>, keyOf: (item: T) => string): number {
  if (view.items.length === 0) return -1;
  if (view.activeKey === null) return 0;
  const i = view.items.findIndex((it) => keyOf(it) === view.activeKey);
  return i < 0 ? 0 : i;
}

/** The key highlighted after an arrow key (delta +1 down, -1 up), wrapping around; null with nothing listed. */
export function moveActive<T>(view: PickerView<T>, keyOf: (item: T) => string, delta: 1 | -1): string | null {
  const n = view.items.length;
  if (n === 0) return null;
  const at = activeIndex(view, keyOf);
  return keyOf(view.items[(at + delta + n) % n]!);
}

/** What Enter does now: insert an option, wait for the results of what was typed, or nothing. */
export function enterChoice<T>(view: PickerView<T>, keyOf: (item: T) => string): EnterChoice<T> {
  if (view.activeKey !== null) {
    // Highlighted with the arrows and on screen: that one, even if the list answers an older query.
    const chosen = view.items.find((it) => keyOf(it) === view.activeKey);
    if (chosen) return { kind: "pick", item: chosen };
  }
  if (view.empty) return { kind: "none" };
  if (view.shownFor !== view.query) return { kind: "wait" };
  const first = view.items[0];
  return first ? { kind: "pick", item: first } : { kind: "none" };
}
