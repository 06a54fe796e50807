import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSchema, schemaDrift } from "../helpers/schema-drift.ts";

/**
 * The migrations are hand-applied SQL (prisma migrate cannot run here), so
 * nothing else guarantees that they build the database schema.prisma
 * describes. This file's database is a copy of the template the migration
 * runner built from prisma/migrations.
 */
const schemaPath = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");
const schema = readFileSync(schemaPath, "utf8");

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

/** Runs `fn` inside a transaction that is always rolled back (DDL is transactional in Postgres). */
async function inRolledBackTransaction<T>(fn: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    return await fn();
  } finally {
    await client.query("ROLLBACK");
  }
}

/** Adds lines inside a model block of the schema. */
function withLinesInModel(model: string, lines: string): string {
  const marker = `model ${model} {`;
  expect(schema).toContain(marker);
  return schema.replace(marker, `${marker}\n${lines}`);
}

describe("the migrated database matches prisma/schema.prisma", () => {
  it("has exactly the tables, columns, types, nullability, indexes, enums and foreign keys of the schema", async () => {
    expect(await schemaDrift(schema, client)).toEqual([]);
  });

  it("actually inspects every model (the comparison is not vacuous)", async () => {
    const dm = parseSchema(schema);
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(dm.models.map((m) => m.dbName ?? m.name).sort());
    // @@map is honoured: the RateLimit model lives in rate_limits.
    expect(dm.models.find((m) => m.name === "RateLimit")?.dbName).toBe("rate_limits");
  });
});

describe("the drift check itself", () => {
  it("notices a field added to the schema without a migration", async () => {
    const drift = await schemaDrift(withLinesInModel("User", "  nickname String?"), client);
    expect(drift).toEqual([`User.nickname ("User"."nickname"): column is missing from the database`]);
  });

  it("notices an index, a unique constraint or an enum value added without a migration", async () => {
    const drift = await schemaDrift(
      withLinesInModel("Session", "  @@index([userId, createdAt])").replace("  REJECTED\n", "  REJECTED\n  ARCHIVED\n"),
      client,
    );
    expect(drift).toEqual([
      `model Session: index on "Session"(userId, createdAt) is missing from the database`,
      "enum EventStatus: values are [DRAFT,PENDING,PUBLISHED,REJECTED], schema says [DRAFT,PENDING,PUBLISHED,REJECTED,ARCHIVED]",
    ]);
  });

  it("notices a changed type, nullability or @map", async () => {
    const changed = schema
      .replace(/(model Workspace \{[\s\S]*?)name\s+String/, "$1name        String   @db.VarChar(120)")
      .replace(/(model Event \{[\s\S]*?)deletedAt\s+DateTime\?/, "$1deletedAt   DateTime")
      .replace(/(model RateLimit \{[\s\S]*?)points\s+Int\s+@default\(0\)/, '$1points Int @default(0) @map("tokens")');
    const drift = await schemaDrift(changed, client);
    expect(drift).toEqual(
      expect.arrayContaining([
        `Workspace.name ("Workspace"."name"): type is text, schema says character varying(120)`,
        `Event.deletedAt ("Event"."deletedAt"): column is NULL, schema says required`,
        `RateLimit.points ("rate_limits"."tokens"): column is missing from the database`,
        `table "rate_limits": column "points" is not in the schema`,
      ]),
    );
    expect(drift).toHaveLength(4);
  });

  it("notices tables, columns and indexes that exist only in the database", async () => {
    const drift = await inRolledBackTransaction(async () => {
      await client.query(`CREATE TABLE "Stray" (id text PRIMARY KEY)`);
      await client.query(`ALTER TABLE "Event" ADD COLUMN "placeName" text`);
      await client.query(`CREATE INDEX "Event_title_idx" ON "Event"("title")`);
      return schemaDrift(schema, client);
    });
    expect(drift.sort()).toEqual(
      [
        `table "Stray" is not in the schema`,
        `table "Event": column "placeName" is not in the schema`,
        `index "Event_title_idx" (index on "Event"(title)) is not in the schema`,
        `index "Stray_pkey" (primary key on "Stray"(id)) is not in the schema`,
      ].sort(),
    );
    // Rolled back: the real comparison is clean again.
    expect(await schemaDrift(schema, client)).toEqual([]);
  });

  it("notices a descending index created ascending, and a changed referential action", async () => {
    const drift = await inRolledBackTransaction(async () => {
      await client.query(`DROP INDEX "AuditLog_workspaceId_id_idx"`);
      await client.query(`CREATE INDEX "AuditLog_workspaceId_id_idx" ON "AuditLog"("workspaceId", "id")`);
      await client.query(`ALTER TABLE "Session" DROP CONSTRAINT "Session_userId_fkey"`);
      await client.query(`ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE`);
      return schemaDrift(schema, client);
    });
    expect(drift.sort()).toEqual(
      [
        `model AuditLog: index on "AuditLog"(workspaceId, id DESC) is missing from the database`,
        `index "AuditLog_workspaceId_id_idx" (index on "AuditLog"(workspaceId, id)) is not in the schema`,
        `Session.user: foreign key "Session"(userId) → "User"(id) ON DELETE Cascade ON UPDATE Cascade is missing from the database`,
        `foreign key "Session_userId_fkey" ("Session"(userId) → "User"(id) ON DELETE Restrict ON UPDATE Cascade) is not in the schema`,
      ].sort(),
    );
  });
});
