import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  backupFolderName,
  pruneBackups,
  runScheduledBackup,
  type ScheduleOptions,
} from "../../server/backup/schedule.ts";
import { MANIFEST_FILE } from "../../server/backup/format.ts";
import { db } from "../../server/db/client.ts";
import { retain } from "../../server/lib/backup-retention.ts";

/**
 * Scheduled backups: one per interval however often the check runs, recorded
 * for the System page, and older ones pruned by the retention policy — only
 * the schedule's own folders, never anything else in the backup folder.
 */

let dir: string;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the backup schedule", () => {
  it(
    "takes a backup when due, none until the interval has passed, and records each",
    { timeout: 240_000 },
    async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), "dossier-scheduled-"));
      const opts: ScheduleOptions = {
        url: process.env.DATABASE_URL!,
        dir,
        intervalHours: 24,
        keep: { daily: 7, weekly: 4, monthly: 6 },
      };
      const first = await runScheduledBackup(opts);
      expect(first.status).toBe("done");
      const again = await runScheduledBackup(opts, new Date(Date.now() + 3_600_000));
      expect(again.status).toBe("not-due");
      const next = await runScheduledBackup(opts, new Date(Date.now() + 25 * 3_600_000));
      expect(next.status).toBe("done");

      const folders = (await readdir(dir)).sort();
      expect(folders).toHaveLength(2);
      const records = await db.backupRecord.findMany({ where: { trigger: "schedule" }, orderBy: { id: "asc" } });
      expect(records.map((r) => r.ok)).toEqual([true, true]);
      expect(records.every((r) => Number(r.bytes) > 0)).toBe(true);
    },
  );

  it("prunes the schedule's own backups past retention and leaves everything else alone", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "dossier-retention-"));
    try {
      const day = (n: number) => new Date(Date.UTC(2026, 11, 6 - n, 3));
      const names = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => backupFolderName(day(n)));
      for (const name of [...names, "dossier-20261101T000000Z-manual", "my-own-copy"]) {
        await mkdir(path.join(root, name));
        await writeFile(path.join(root, name, MANIFEST_FILE), "{}");
      }
      const removed = await pruneBackups(root, { daily: 3, weekly: 0, monthly: 0 });
      expect(removed.sort()).toEqual(names.slice(3).sort());
      expect((await readdir(root)).sort()).toEqual(
        [...names.slice(0, 3), "dossier-20261101T000000Z-manual", "my-own-copy"].sort(),
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("keeps the newest of each recent day, week and month, and always the newest of all", () => {
    const at = (iso: string) => ({ name: iso, takenAt: new Date(iso) });
    const backups = [
      at("2026-12-06T03:00:00Z"),
      at("2026-12-05T15:00:00Z"),
      at("2026-12-05T03:00:00Z"),
      at("2026-11-29T03:00:00Z"),
      at("2026-11-20T03:00:00Z"),
      at("2026-10-15T03:00:00Z"),
    ];
    expect(retain(backups, { daily: 2, weekly: 2, monthly: 2 }).keep).toEqual([
      "2026-12-06T03:00:00Z",
      "2026-12-05T15:00:00Z",
      "2026-11-29T03:00:00Z",
    ]);
    expect(retain(backups, { daily: 0, weekly: 0, monthly: 0 }).keep).toEqual(["2026-12-06T03:00:00Z"]);
  });
});
