import { describe, expect, it } from "vitest";
import { manifestSchema } from "../../server/backup/format.ts";
import { assessHealth, type HealthFacts } from "../../server/lib/system-health.ts";
import { dependencyOrder } from "../../server/lib/table-order.ts";

describe("the order a restore loads tables in", () => {
  it("puts every table after the tables it points at, ties by name, ignoring self-references", () => {
    const order = dependencyOrder(
      ["Vote", "Event", "User", "Workspace", "Entity"],
      [
        { table: "Vote", references: "Event" },
        { table: "Vote", references: "User" },
        { table: "Event", references: "Workspace" },
        { table: "Event", references: "User" },
        { table: "Entity", references: "Entity" },
        { table: "Entity", references: "Workspace" },
      ],
    );
    expect(order).toEqual(["User", "Workspace", "Entity", "Event", "Vote"]);
  });

  it("refuses a cycle, naming the tables in it", () => {
    expect(() =>
      dependencyOrder(
        ["A", "B", "C"],
        [
          { table: "A", references: "B" },
          { table: "B", references: "A" },
        ],
      ),
    ).toThrow(/cycle among "A", "B"/);
  });
});

describe("a backup's manifest", () => {
  const part = {
    name: "Event",
    columns: ["id"],
    rows: 1,
    bytes: 10,
    sha256: "a".repeat(64),
    contentSha256: "b".repeat(64),
  };
  const manifest = (file: string) => ({
    format: "dossier-backup/1",
    snapshotAt: "2026-12-06T10:00:00.000Z",
    finishedAt: "2026-12-06T10:00:01.000Z",
    app: { version: "1.0.0" },
    database: { serverVersion: "17.2", name: "dossier" },
    schema: { version: "", migrations: [] },
    tables: [{ ...part, file }],
    sequences: [],
    files: [],
    totals: { rows: 1, bytes: 10 },
  });

  it("names only files inside the backup", () => {
    expect(manifestSchema.safeParse(manifest("tables/001-Event.copy.gz")).success).toBe(true);
    for (const file of ["tables/../../etc/passwd", "/etc/passwd", "elsewhere/x", "tables/", "tables/.hidden"]) {
      expect(manifestSchema.safeParse(manifest(file)).success, file).toBe(false);
    }
  });
});

describe("the System page's health of backups", () => {
  const now = new Date("2026-12-06T10:00:00Z");
  const facts = (backups: HealthFacts["backups"]): HealthFacts => ({
    database: { latencyMs: 3, poolWaiting: 0 },
    migrations: { applied: 11, pending: [], newer: [] },
    backups,
    jobs: { failedLastDay: 0, oldestQueuedAt: null },
  });
  const backups = (b: HealthFacts["backups"]) => assessHealth(facts(b), now).find((c) => c.part === "backups")!;
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

  it("is a warning before the first backup, ok after a recent one", () => {
    expect(backups({ lastAttempt: null, lastSuccess: null, intervalHours: null }).status).toBe("warning");
    const recent = backups({
      lastAttempt: { at: hoursAgo(1), ok: true },
      lastSuccess: { at: hoursAgo(1) },
      intervalHours: null,
    });
    expect(recent).toMatchObject({ status: "ok", summary: "Last backup 60 minutes ago." });
  });

  it("is an error when the last attempt failed, and a warning when backups are overdue", () => {
    expect(
      backups({ lastAttempt: { at: hoursAgo(1), ok: false }, lastSuccess: { at: hoursAgo(30) }, intervalHours: 24 })
        .status,
    ).toBe("error");
    expect(
      backups({
        lastAttempt: { at: hoursAgo(24 * 8), ok: true },
        lastSuccess: { at: hoursAgo(24 * 8) },
        intervalHours: null,
      }),
    ).toMatchObject({ status: "warning", summary: "The last backup was 8 days ago." });
  });
});
