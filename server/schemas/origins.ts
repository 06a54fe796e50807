/**
 * Independent origins: sources that share a publisher, or that are marked as
 * derived from another source (wire copies, pieces quoting one report), count
 * as one origin. Pure, so the rule is unit-tested on its own.
 */
export type OriginNode = { id: string; publisherId: string | null; derivedFromId: string | null };

export function countIndependentOrigins(cited: OriginNode[], ancestors: OriginNode[] = []): number {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    let cur = x;
    while (cur !== root) {
      const next = parent.get(cur)!;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const all = new Map<string, OriginNode>();
  for (const n of [...ancestors, ...cited]) all.set(n.id, n);
  for (const n of all.values()) {
    parent.set(`s:${n.id}`, parent.get(`s:${n.id}`) ?? `s:${n.id}`);
    if (n.publisherId) union(`s:${n.id}`, `p:${n.publisherId}`);
    if (n.derivedFromId) union(`s:${n.id}`, `s:${n.derivedFromId}`);
  }
  return new Set(cited.map((n) => find(`s:${n.id}`))).size;
}
