import { HIGHLIGHT_END, HIGHLIGHT_START } from "@/server/schemas/search";

/** Renders a snippet with the server's highlight markers as <mark>, never as HTML. */
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
  return (
    <span dir="auto">
      {parts.map((p, i) =>
        p.hit ? (
          <mark key={i} className="rounded-sm bg-amber-200 text-inherit">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}
