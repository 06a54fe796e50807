import { describe, expect, it } from "vitest";
import {
  focusTargetOf,
  reviewShortcut,
  takesText,
  type FocusTarget,
  type KeyPress,
} from "@/components/review/shortcuts";

/** The review queue's single-key shortcuts: which key presses are shortcuts, and which must be left alone. */

const body: FocusTarget = { tagName: "BODY" };
const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  target: body,
  ...more,
});

describe("reviewShortcut", () => {
  it("maps the bare keys to their actions", () => {
    expect(Object.fromEntries(["j", "k", "x", "a", "c", "r", "u"].map((k) => [k, reviewShortcut(press(k))]))).toEqual({
      j: "next",
      k: "previous",
      x: "toggle",
      a: "approve",
      c: "requestChanges",
      r: "reject",
      u: "undo",
    });
  });

  it("never fires with Ctrl, Cmd, Alt or Shift (Ctrl+A once approved and published an item)", () => {
    for (const key of ["a", "c", "r", "x", "j", "k", "u"]) {
      for (const mod of ["ctrlKey", "metaKey", "altKey", "shiftKey"] as const) {
        expect(reviewShortcut(press(key, { [mod]: true })), `${mod}+${key}`).toBeNull();
      }
      // Ctrl+Alt is how some systems type AltGr characters.
      expect(reviewShortcut(press(key, { ctrlKey: true, altKey: true })), `AltGr+${key}`).toBeNull();
    }
    // With Shift the browser reports the capital: not a shortcut either.
    expect(reviewShortcut(press("A", { shiftKey: true }))).toBeNull();
    expect(reviewShortcut(press("A"))).toBeNull();
  });

  it("never fires where text is typed", () => {
    const typing: FocusTarget[] = [
      { tagName: "TEXTAREA" },
      { tagName: "SELECT" },
      { tagName: "INPUT" },
      { tagName: "INPUT", type: "text" },
      { tagName: "INPUT", type: "search" },
      { tagName: "INPUT", type: "email" },
      { tagName: "INPUT", type: "number" },
      { tagName: "INPUT", type: "date" },
      { tagName: "input", type: "TEXT" },
      { tagName: "DIV", editable: true },
      { tagName: "SPAN", editable: true },
      { tagName: "DIV", role: "textbox" },
      { tagName: "DIV", role: "combobox" },
      { tagName: "UL", role: "listbox" },
    ];
    for (const target of typing)
      for (const key of ["a", "c", "r", "x", "j", "k", "u"])
        expect(reviewShortcut(press(key, { target })), `${key} in ${JSON.stringify(target)}`).toBeNull();
  });

  it("fires on the page, on buttons, links, and on the queue's own checkboxes", () => {
    const free: (FocusTarget | null)[] = [
      null,
      body,
      { tagName: "BUTTON" },
      { tagName: "A" },
      { tagName: "LI" },
      { tagName: "INPUT", type: "checkbox" },
      { tagName: "INPUT", type: "radio" },
      { tagName: "INPUT", type: "submit" },
    ];
    for (const target of free) expect(reviewShortcut(press("a", { target })), JSON.stringify(target)).toBe("approve");
  });

  it("ignores keys held down for decisions (moving may repeat), keys composed by an input method, and keys already handled", () => {
    expect(reviewShortcut(press("a", { repeat: true }))).toBeNull();
    expect(reviewShortcut(press("r", { repeat: true }))).toBeNull();
    expect(reviewShortcut(press("x", { repeat: true }))).toBeNull();
    expect(reviewShortcut(press("u", { repeat: true }))).toBeNull();
    expect(reviewShortcut(press("j", { repeat: true }))).toBe("next");
    expect(reviewShortcut(press("k", { repeat: true }))).toBe("previous");
    expect(reviewShortcut(press("a", { isComposing: true }))).toBeNull();
    expect(reviewShortcut(press("a", { defaultPrevented: true }))).toBeNull();
  });

  it("ignores every other key", () => {
    for (const key of ["b", "z", "Enter", " ", "Escape", "ArrowDown", "Delete", "Dead", "Process", "toString", ""])
      expect(reviewShortcut(press(key)), JSON.stringify(key)).toBeNull();
  });
});

describe("focusTargetOf", () => {
  const element = (tagName: string, more: Record<string, unknown> = {}, closest: unknown = null) => ({
    tagName,
    isContentEditable: false,
    closest: () => closest,
    getAttribute: (name: string) => (name === "role" ? ((more.role as string | undefined) ?? null) : null),
    ...more,
  });

  it("describes an element by tag, input type, role and whether it sits in something editable", () => {
    expect(focusTargetOf(element("INPUT", { type: "checkbox" }) as never)).toEqual({
      tagName: "INPUT",
      type: "checkbox",
      editable: false,
      role: null,
    });
    expect(focusTargetOf(element("DIV", { role: "textbox" }) as never)).toMatchObject({ role: "textbox" });
    expect(focusTargetOf(element("P", { isContentEditable: true }) as never)).toMatchObject({ editable: true });
    // A child of an editable region.
    expect(focusTargetOf(element("B", {}, { tagName: "DIV" }) as never)).toMatchObject({ editable: true });
  });

  it("treats anything that is not an element as no focus at all", () => {
    expect(focusTargetOf(null)).toBeNull();
    expect(focusTargetOf({} as never)).toBeNull();
    expect(takesText(focusTargetOf({ addEventListener() {} } as never))).toBe(false);
  });
});
