import type { Decision } from "@/server/schemas/review";

/**
 * Decisions made by keyboard or on a selection are held in the browser for a
 * few seconds before they are sent, with an Undo: a stray key or a wrong
 * selection costs nothing, and since nothing reaches the server until the
 * time is up, nothing is ever published and then taken back (viewers never
 * see it, no notification goes out, the audit trail holds only what was
 * meant). Pure, so the rules are unit-tested without a browser or a clock.
 */

/** How long a held decision waits for an Undo. */
export const UNDO_WINDOW_MS = 6_000;

export type HeldItem = { eventId: string; round: number; title: string };

export type HeldDecision = {
  id: number;
  decision: Decision;
  items: HeldItem[];
  comment: string;
  /** Made on the selection: an Undo selects the items again. */
  fromSelection: boolean;
  /** Epoch milliseconds at which it is sent. */
  sendAt: number;
};

export type Held = { next: number; decisions: HeldDecision[] };

export const NONE_HELD: Held = { next: 1, decisions: [] };

/** Holds a decision; items already held by an earlier one are left to it. */
export function hold(
  state: Held,
  d: { decision: Decision; items: HeldItem[]; comment: string; fromSelection?: boolean },
  now: number,
  windowMs = UNDO_WINDOW_MS,
): { state: Held; held: HeldDecision | null } {
  const taken = heldEventIds(state);
  const items = d.items.filter((i) => !taken.has(i.eventId));
  if (items.length === 0) return { state, held: null };
  const held: HeldDecision = {
    id: state.next,
    decision: d.decision,
    items,
    comment: d.comment,
    fromSelection: d.fromSelection ?? false,
    sendAt: now + windowMs,
  };
  return { state: { next: state.next + 1, decisions: [...state.decisions, held] }, held };
}

/** Takes a held decision back before it is sent; the one taken is returned so the page can restore what it cleared. */
export function undo(state: Held, id?: number): { state: Held; undone: HeldDecision | null } {
  // Without an id: the latest one, as the "u" key does.
  const target = id === undefined ? state.decisions.at(-1) : state.decisions.find((d) => d.id === id);
  if (!target) return { state, undone: null };
  return { state: { ...state, decisions: state.decisions.filter((d) => d !== target) }, undone: target };
}

/** Splits what is due to be sent now from what still waits. */
export function takeDue(state: Held, now: number): { state: Held; due: HeldDecision[] } {
  const due = state.decisions.filter((d) => d.sendAt <= now);
  if (due.length === 0) return { state, due };
  return { state: { ...state, decisions: state.decisions.filter((d) => d.sendAt > now) }, due };
}

/** Everything held, to be sent at once (leaving the page: the reviewer meant these). */
export function takeAll(state: Held): { state: Held; due: HeldDecision[] } {
  return { state: { ...state, decisions: [] }, due: state.decisions };
}

export function heldEventIds(state: Held): Set<string> {
  return new Set(state.decisions.flatMap((d) => d.items.map((i) => i.eventId)));
}

const DONE: Record<Decision, string> = {
  APPROVE: "Approved",
  REQUEST_CHANGES: "Asked for changes on",
  REJECT: "Rejected",
};

/** What a decision did, in a sentence: "Approved “Envoys meet in Mashhad”", "Rejected 3 submissions". */
export function describeDecision(d: { decision: Decision; items: { title: string }[] }): string {
  const what = d.items.length === 1 ? `“${d.items[0]!.title}”` : `${d.items.length} submissions`;
  return `${DONE[d.decision]} ${what}`;
}

/** Whole seconds left before a held decision is sent, never below zero. */
export function secondsLeft(d: HeldDecision, now: number): number {
  return Math.max(0, Math.ceil((d.sendAt - now) / 1000));
}
