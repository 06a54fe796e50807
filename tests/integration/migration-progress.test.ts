import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate } from "../../server/db/migrate.ts";
import { createTempDatabase, queryAt, type TempDatabase } from "../helpers/temp-database.ts";

/**
 * A migration that rewrites a large table says so before it starts (naming
 * the table and its size) and reports its steps as they run, with a line now
 * and then while a step takes long, so whoever is upgrading sees it working.
 */

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

describe("progress of a long migration", () => {
  it(
    "announces the tables it rewrites, then each step, and keeps saying it is at work",
    { timeout: 120_000 },
    async () => {
      const db: TempDatabase = await createTempDatabase();
      cleanups.push(db.drop);
      await migrate(db.url);
      await queryAt(
        db.url,
        `INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('u', 'u@example.org', 'U', now());
       INSERT INTO "Workspace" (id, slug, name, "updatedAt") VALUES ('w', 'w', 'W', now());
       INSERT INTO "Event" (id, "workspaceId", title, "createdById", "updatedById", "updatedAt")
         SELECT 'e' || i, 'w', 'Event ' || i, 'u', 'u', now() FROM generate_series(1, 2000) i;
       ANALYZE "Event";`,
      );

      const dir = await mkdtemp(path.join(os.tmpdir(), "dossier-migrations-"));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      const name = "29990101000000_retitle_events";
      await mkdir(path.join(dir, name));
      await writeFile(
        path.join(dir, name, "migration.sql"),
        [
          `-- dossier:rewrites "Event"`,
          `-- dossier:step Upper-casing titles`,
          `UPDATE "Event" SET title = upper(title);`,
          `-- dossier:step Waiting on purpose`,
          `SELECT pg_sleep(1.5);`,
          "",
        ].join("\n"),
      );

      const lines: string[] = [];
      const { applied } = await migrate(db.url, { dir, log: (l) => lines.push(l), heartbeatMs: 200 });
      expect(applied).toEqual([name]);
      expect(lines[0]).toMatch(new RegExp(`^Migration ${name} rewrites "Event" \\(about 2,000 rows\\)`));
      expect(lines).toContain(`Migration ${name} step 1/2 (Upper-casing titles): started`);
      expect(lines.some((l) => l.startsWith(`Migration ${name} step 1/2 (Upper-casing titles): done in`))).toBe(true);
      expect(
        lines.some((l) => l.startsWith(`Migration ${name} step 2/2 (Waiting on purpose): still running after`)),
      ).toBe(true);
      expect(lines.some((l) => l.startsWith(`Migration ${name} step 2/2 (Waiting on purpose): done in`))).toBe(true);
      // The steps ran, in one transaction with the history row.
      const [row] = await queryAt<{ title: string }>(db.url, `SELECT title FROM "Event" WHERE id = 'e7'`);
      expect(row!.title).toBe("EVENT 7");
    },
  );
});
