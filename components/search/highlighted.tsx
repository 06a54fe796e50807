import { HIGHLIGHT_END, HIGHLIGHT_START } from "@/server/schemas/search";
import { Bidi } from "../ui/bidi";
import { dominantDirection } from "@/server/schemas/bidi-runs";

/**
 * Renders a snippet with the server's highlight markers as <mark>, never as
 * HTML. The snippet is isolated from the text around it (a Persian title next
 * to an English date) and takes the direction of most of its letters; names in
 * the other script are isolated inside it.
 */
export function Highlighted({ text }: { text: string }) {
  const parts: { hit: boolean; text: string }[] = [];
  let hit = false;
  let buf = "";
  for (const ch of text) {
    if (ch === HIGHLIGHT_START || ch === HIGHLIGHT_END) {
      if (buf) parts.push({ hit, text: buf });
      buf = "";
      hit = ch === HIGHLIGHT_START;
    } else buf += ch;
  }
  if (buf) parts.push({ hit, text: buf });
  const base = dominantDirection(parts.map((p) => p.text).join(""));
  return (
    <bdi dir="auto">
      {parts.map((p, i) =>
        p.hit ? (
          <mark key={i} className="rounded-sm bg-amber-200 text-inherit">
            <Bidi text={p.text} base={base} />
          </mark>
        ) : (
          <span key={i}>
            <Bidi text={p.text} base={base} />
          </span>
        ),
      )}
    </bdi>
  );
}
