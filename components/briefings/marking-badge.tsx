import type { Marking } from "@/server/schemas/briefing";
import { cn } from "../ui/cn";

/**
 * TLP colours as the standard defines them (black background, coloured text),
 * so a reader recognises the marking at a glance; every pair passes WCAG AA.
 */
const STYLE: Record<Marking, string> = {
  "TLP:CLEAR": "text-white",
  "TLP:GREEN": "text-[#33ff00]",
  "TLP:AMBER": "text-[#ffc000]",
  "TLP:AMBER+STRICT": "text-[#ffc000]",
  "TLP:RED": "text-[#ff2b2b]",
};

export function MarkingBadge({ marking, className }: { marking: string; className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded bg-black px-1.5 py-0.5 font-mono text-xs font-semibold tracking-wide",
        STYLE[marking as Marking] ?? "text-white",
        className,
      )}
      data-testid="marking"
    >
      {marking}
    </span>
  );
}
