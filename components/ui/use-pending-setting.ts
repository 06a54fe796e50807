import { useState } from "react";

/**
 * A setting saved the moment it is changed (a checkbox, a radio).
 * The control shows what was asked for from the click itself until the save
 * has settled and the record been read again; a second change meanwhile is
 * refused (the control is disabled), as it could be based on what the first
 * replaces. The value is held here, not read from the mutation's state:
 * that state arrives a tick after the click, and a controlled box springs back
 * for that tick.
 */
export function usePendingSetting<T>(saved: T, save: (value: T) => Promise<unknown>) {
  const [asked, setAsked] = useState<{ value: T } | null>(null);
  const change = (value: T) => {
    if (asked) return;
    setAsked({ value });
    // A failure is shown from the mutation's own error; the control then shows the saved value again.
    void save(value)
      .catch(() => undefined)
      .finally(() => setAsked(null));
  };
  return { shown: asked ? asked.value : saved, busy: asked !== null, change };
}
