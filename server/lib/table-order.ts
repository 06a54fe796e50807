/** A foreign key: rows of `table` point at rows of `references`. */
export type ForeignKey = { table: string; references: string };

/**
 * Tables in an order where every table comes after the tables it points at,
 * so a restore can load them one after the other with every foreign key
 * checked as it goes. Ties go by name, so the order is the same on every run.
 * A table pointing at itself (an entity merged into another) needs no order:
 * PostgreSQL checks a COPY's own rows at the end of the statement. A cycle
 * between tables has no such order and is refused, naming the tables, so it is
 * found by the backup tests the day a migration creates one.
 */
export function dependencyOrder(tables: string[], keys: ForeignKey[]): string[] {
  const known = new Set(tables);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const k of keys) {
    if (k.table === k.references || !known.has(k.table) || !known.has(k.references)) continue;
    parents.get(k.table)!.add(k.references);
  }
  const order: string[] = [];
  const placed = new Set<string>();
  const byName = [...tables].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  while (order.length < tables.length) {
    const next = byName.find((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (!next) {
      const stuck = byName.filter((t) => !placed.has(t));
      throw new Error(
        `Foreign keys form a cycle among ${stuck.map((t) => `"${t}"`).join(", ")}: no load order exists.`,
      );
    }
    order.push(next);
    placed.add(next);
  }
  return order;
}
