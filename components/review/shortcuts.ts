/**
 * The review queue's single-key shortcuts, and when a key press is one.
 * Pure, so the rules are unit-tested without a browser.
 *
 * A key is a shortcut only when pressed on its own: never with Ctrl, Cmd
 * (Meta), Alt or Shift (Ctrl+A selects text, Cmd+R reloads: neither may
 * decide anything), never while the focus is where text is typed (a text
 * field, a text area, a list box, anything editable), never while an input
 * method is composing, and never when another handler already took it. A
 * decision key held down does not repeat; moving does.
 */

export type ReviewShortcut = "next" | "previous" | "toggle" | "approve" | "requestChanges" | "reject" | "undo";

const KEYS: Record<string, ReviewShortcut> = {
  j: "next",
  k: "previous",
  x: "toggle",
  a: "approve",
  c: "requestChanges",
  r: "reject",
  u: "undo",
};

/** Only moving may repeat while a key is held. */
const REPEATABLE = new Set<ReviewShortcut>(["next", "previous"]);

/** What the filter needs to know about the focused element. */
export type FocusTarget = {
  tagName: string;
  /** An input's type ("text", "checkbox" …). */
  type?: string | null;
  /** Inside something content-editable. */
  editable?: boolean;
  role?: string | null;
};

/** The fields of a KeyboardEvent the filter reads. */
export type KeyPress = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat?: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target: FocusTarget | null;
};

/** Inputs that take no typed text: a key pressed on them is free for the page. */
const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "image", "color", "file", "range"]);
const TEXT_ROLES = new Set(["textbox", "searchbox", "combobox", "spinbutton", "listbox", "slider"]);

/** True where a letter typed belongs to the element, not to the page. */
export function takesText(t: FocusTarget | null): boolean {
  if (!t) return false;
  if (t.editable) return true;
  if (t.role && TEXT_ROLES.has(t.role.toLowerCase())) return true;
  const tag = t.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return !NON_TEXT_INPUTS.has((t.type || "text").toLowerCase());
  return false;
}

/** The shortcut a key press stands for, or null when it is none (and must be left alone). */
export function reviewShortcut(e: KeyPress): ReviewShortcut | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return null;
  if (e.isComposing || e.defaultPrevented) return null;
  if (takesText(e.target)) return null;
  const action = Object.hasOwn(KEYS, e.key) ? KEYS[e.key]! : null;
  if (!action) return null;
  if (e.repeat && !REPEATABLE.has(action)) return null;
  return action;
}

const EDITABLE = '[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]';

/** The focused element as the filter sees it; anything that is not an element counts as none. */
export function focusTargetOf(el: EventTarget | null): FocusTarget | null {
  const e = el as (HTMLElement & { type?: unknown }) | null;
  if (!e || typeof e.tagName !== "string") return null;
  return {
    tagName: e.tagName,
    type: typeof e.type === "string" ? e.type : null,
    editable: e.isContentEditable === true || Boolean(e.closest?.(EDITABLE)),
    role: e.getAttribute?.("role") ?? null,
  };
}
