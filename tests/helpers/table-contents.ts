import pg from "pg";

/** A table's rows as PostgreSQL prints them: the count and an md5 of every row's text, in primary-key order. */
export type TableContent = { rows: number; md5: string };

/**
 * Every table of a database (migration history left out) with its rows'
 * fingerprint, computed independently of the backup code: each row is cast to
 * text (`t::text`) and the texts joined in primary-key order. Two databases
 * with equal maps hold the same rows, value for value. Sessions read in UTC
 * so timestamps print the same on both sides.
 */
export async function tableContents(
  url: string,
  opts: { except?: string[] } = {},
): Promise<Record<string, TableContent>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET TIME ZONE 'UTC'; SET extra_float_digits = 3");
    const { rows: tables } = await client.query<{ name: string; key: string[] | null }>(
      `SELECT c.relname AS name,
              (SELECT array_agg(a.attname::text ORDER BY k.ord)
                 FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = c.oid AND i.indisprimary) AS key
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
        ORDER BY c.relname`,
    );
    const out: Record<string, TableContent> = {};
    for (const t of tables) {
      if (opts.except?.includes(t.name)) continue;
      const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
      const order = t.key?.length ? t.key.map((k) => `t.${q(k)}`).join(", ") : "t::text";
      const { rows } = await client.query<{ n: number; md5: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY ${order}), '')) AS md5 FROM ${q(t.name)} t`,
      );
      out[t.name] = { rows: rows[0]!.n, md5: rows[0]!.md5 };
    }
    return out;
  } finally {
    await client.end();
  }
}
