/**
 * Character offsets of a DOM selection within a container whose text content
 * is exactly the source text (rendered with white-space: pre-wrap, so no
 * character is added or collapsed). Walks the text nodes in order.
 */
export function selectionOffsets(
  container: HTMLElement,
  selection: Selection | null,
): { start: number; end: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const offsetOf = (node: Node, offset: number): number => {
    if (node.nodeType !== Node.TEXT_NODE) {
      // The boundary sits between child nodes: count the text before that child.
      const probe = document.createRange();
      probe.setStart(container, 0);
      probe.setEnd(node, offset);
      return probe.toString().length;
    }
    let total = 0;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n === node) return total + offset;
      total += n.textContent?.length ?? 0;
    }
    return total;
  };
  const start = offsetOf(range.startContainer, range.startOffset);
  const end = offsetOf(range.endContainer, range.endOffset);
  return end > start ? { start, end } : null;
}

export type Segment = { start: number; end: number; citationIds: string[] };

/**
 * Splits the text at every citation boundary (so overlapping citations
 * highlight correctly) and after every line break (so each line can take its
 * own direction: a Persian paragraph reads right to left inside an English
 * article).
 */
export function segmentText(
  text: string,
  citations: { id: string; startOffset: number; endOffset: number }[],
): Segment[] {
  const length = text.length;
  const cuts = new Set([0, length]);
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) cuts.add(i + 1);
  for (const c of citations) {
    cuts.add(Math.max(0, Math.min(length, c.startOffset)));
    cuts.add(Math.max(0, Math.min(length, c.endOffset)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    segments.push({
      start,
      end,
      citationIds: citations.filter((c) => c.startOffset <= start && c.endOffset >= end).map((c) => c.id),
    });
  }
  return segments;
}

/** Groups segments into lines; each line ends with its line break, so the text content stays exact. */
export function groupLines(text: string, segments: Segment[]): Segment[][] {
  const lines: Segment[][] = [];
  let current: Segment[] = [];
  for (const seg of segments) {
    current.push(seg);
    if (text[seg.end - 1] === "\n") {
      lines.push(current);
      current = [];
    }
  }
  if (current.length) lines.push(current);
  return lines;
}
