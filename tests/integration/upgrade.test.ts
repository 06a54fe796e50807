import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, readMigrationFiles } from "../../server/db/migrate.ts";
import { createTempDatabase, queryAt, type TempDatabase } from "../helpers/temp-database.ts";

/**
 * Upgrades lose nothing. A database is built the way earlier releases left
 * it (tests/fixtures/upgrade: the first schema with its data, then the schema
 * of the second release with more), and today's migrations run over it.
 * Every row written at either release is still there afterwards, and every
 * value of it is the same, read back as PostgreSQL prints it; the one value a
 * migration moved (an import candidate's passage, now a row of its own) is
 * found where it moved to.
 */

const FIXTURES = path.resolve("tests/fixtures/upgrade");
const RELEASE_1 = "20261121150000_init";
const RELEASE_2 = "20261121210000_citation_proposals";

type Row = Record<string, unknown>;
/** Each table's rows keyed by primary key, every column as its text. */
type Snapshot = Map<string, Map<string, Row>>;

async function snapshot(url: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET TIME ZONE 'UTC'; SET extra_float_digits = 3");
    const { rows: tables } = await client.query<{ name: string; key: string[] }>(
      `SELECT c.relname AS name,
              (SELECT array_agg(a.attname::text ORDER BY k.ord)
                 FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = c.oid AND i.indisprimary) AS key
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'`,
    );
    const out: Snapshot = new Map();
    for (const t of tables) {
      const { rows: columns } = await client.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
        [`"${t.name}"`],
      );
      // Every value as text: what PostgreSQL would print, byte for byte.
      const select = columns.map((c) => `"${c.name}"::text AS "${c.name}"`).join(", ");
      const { rows } = await client.query<Row>(`SELECT ${select} FROM "${t.name}"`);
      out.set(t.name, new Map(rows.map((r) => [t.key.map((k) => String(r[k])).join("|"), r])));
    }
    return out;
  } finally {
    await client.end();
  }
}

async function load(url: string, file: string): Promise<void> {
  await queryAt(url, await readFile(path.join(FIXTURES, file), "utf8"));
}

/** Columns a migration has moved elsewhere, checked on their own below. */
const MOVED: Record<string, string[]> = { ImportCandidate: ["passage", "startOffset", "endOffset"] };

const dbs: TempDatabase[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop().catch(() => {});
});

describe("upgrading a database of an earlier release", () => {
  it("keeps every row and every value written by the first and second releases", { timeout: 240_000 }, async () => {
    const db = await createTempDatabase();
    dbs.push(db);
    const files = await readMigrationFiles();
    expect(files[0]!.name).toBe(RELEASE_1);

    await migrate(db.url, { until: RELEASE_1 });
    await load(db.url, "release-1.sql");
    const first = await snapshot(db.url);

    await migrate(db.url, { until: RELEASE_2 });
    await load(db.url, "release-2.sql");
    const second = await snapshot(db.url);

    const { applied } = await migrate(db.url);
    expect(applied).toEqual(files.filter((f) => f.name > RELEASE_2).map((f) => f.name));
    const today = await snapshot(db.url);

    // Every table of the second release has exactly its rows today, none lost and none added.
    for (const [table, rows] of second) {
      expect(today.get(table)?.size, `rows of ${table}`).toBe(rows.size);
    }
    expect(second.get("Event")!.size).toBe(6);
    expect(second.get("Citation")!.size).toBe(3);
    expect(second.get("Vote")!.size).toBe(3);
    expect(second.get("Briefing")!.size).toBe(1);

    // Every value written at either release, unchanged (a value the second
    // release set on a first-release row is compared as the second release left it).
    let compared = 0;
    for (const [label, snap] of [
      ["release 1", first],
      ["release 2", second],
    ] as const) {
      for (const [table, rows] of snap) {
        const now = today.get(table)!;
        const later = label === "release 1" ? second.get(table)! : null;
        for (const [key, row] of rows) {
          const current = now.get(key);
          expect(current, `${label}: ${table} ${key}`).toBeDefined();
          for (const [column, value] of Object.entries(row)) {
            if (MOVED[table]?.includes(column)) continue;
            // Changed on purpose by the second release's fixture; compared from there.
            if (later && later.get(key)?.[column] !== value) continue;
            expect(current![column], `${label}: ${table} ${key} "${column}"`).toBe(value);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);

    // The candidate's passage moved into its first passage row, with its offsets.
    const passages = await queryAt(
      db.url,
      `SELECT "candidateId", ordinal, text, "dateText", "startOffset", "endOffset" FROM "ImportCandidatePassage" ORDER BY "candidateId"`,
    );
    expect(passages).toEqual(
      [...second.get("ImportCandidate")!.values()]
        .sort((a, b) => String(a.id).localeCompare(String(b.id)))
        .map((c) => ({
          candidateId: c.id,
          ordinal: 0,
          text: c.passage,
          dateText: c.dateText,
          startOffset: Number(c.startOffset),
          endOffset: Number(c.endOffset),
        })),
    );

    // Values computed from others follow them: the event's date span and its search text.
    const [fire] = await queryAt<{ span: string; found: boolean }>(
      db.url,
      `SELECT "dateSpan"::text AS span, search @@ plainto_tsquery('english', 'warehouse fire') AS found FROM "Event" WHERE id = 'e-1'`,
    );
    expect(fire).toEqual({ span: '["2019-03-14 00:00:00","2019-03-14 23:59:59.999"]', found: true });
  });
});
