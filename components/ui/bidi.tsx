import { Fragment } from "react";
import { bidiRuns, dominantDirection, type Direction } from "@/server/schemas/bidi-runs";

/**
 * Inline text whose runs written against the paragraph's direction are
 * isolated with `<bdi>` (see bidi-runs.ts). `base` is the direction of the
 * paragraph the text sits in; by default, that of the text itself.
 */
export function Bidi({ text, base }: { text: string; base?: Direction | null }) {
  const runs = bidiRuns(text, base === undefined ? dominantDirection(text) : base);
  if (runs.length === 1 && !runs[0]!.isolate) return <>{text}</>;
  return <>{runs.map((r, i) => (r.isolate ? <bdi key={i}>{r.text}</bdi> : <Fragment key={i}>{r.text}</Fragment>))}</>;
}

/** A block of user text: one paragraph per line, each taking its own direction, names isolated inside. */
export function BidiParagraphs({ text, className }: { text: string; className?: string }) {
  const lines = text.split(/\n+/).filter((l) => l.trim());
  return (
    <>
      {lines.map((line, i) => (
        <p key={i} dir="auto" className={className}>
          <Bidi text={line} />
        </p>
      ))}
    </>
  );
}

/** A user-written line (a title, a name, a quote) set apart from the text around it. */
export function BidiLine({ text, className }: { text: string; className?: string }) {
  return (
    <bdi dir="auto" className={className}>
      <Bidi text={text} />
    </bdi>
  );
}
