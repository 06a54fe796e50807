import { spawnSync } from "node:child_process";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { GET as health } from "../../app/api/health/route.ts";
import { db } from "../../server/db/client.ts";
import { signInWithPassword } from "../../server/services/auth/index.ts";
import { checkHealth } from "../../server/services/system/index.ts";

describe("GET /api/health", () => {
  it("reports ok when the database answers", async () => {
    expect(await checkHealth()).toEqual({ status: "ok", db: "ok" });
  });

  it("answers a caller ok, and nothing more, when the database answers", async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("keeps the reason for the server log when the database is down", async () => {
    // Port 9 (discard) has no PostgreSQL behind it on this machine.
    const down = new pg.Pool({
      connectionString: "postgresql://nobody:x@127.0.0.1:9/none",
      connectionTimeoutMillis: 500,
    });
    down.on("error", () => {});
    const health = await checkHealth(2000, down);
    await down.end().catch(() => {});
    expect(health.status).toBe("error");
    expect(health.db).toBe("unreachable");
    expect(health.reason).toEqual(expect.any(String));
  });
});

// Each case starts the command line tool a few times (a few seconds each on a busy two-core machine);
// the timeout only bounds a hang.
describe("npm run user:create", { timeout: 120_000 }, () => {
  const run = (args: string[], password: string) =>
    spawnSync(process.execPath, ["--import", "tsx", "server/cli/create-user.ts", ...args], {
      env: { ...process.env, DOSSIER_PASSWORD: password },
      encoding: "utf8",
      timeout: 60_000,
    });

  it("creates the first admin with a workspace of their own, who can then sign in", async () => {
    const r = run(
      ["--email", "First.Admin@Example.org", "--name", "First Admin", "--admin", "--workspace", "Field team"],
      "a sound first password",
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("Field team");
    const user = await db.user.findUniqueOrThrow({
      where: { email: "first.admin@example.org" },
      select: { id: true, memberships: { select: { role: true, workspace: { select: { name: true } } } } },
    });
    expect(user.memberships).toEqual([{ role: "ADMIN", workspace: { name: "Field team" } }]);
    await expect(
      signInWithPassword({ email: "first.admin@example.org", password: "a sound first password", ip: "198.51.100.20" }),
    ).resolves.toMatchObject({ userId: user.id });
  });

  it("refuses bad input and an existing email, changing nothing", async () => {
    const badEmail = run(["--email", "not-an-email", "--name", "X"], "a sound first password");
    expect(badEmail.status).toBe(1);
    expect(badEmail.stderr).toContain("Usage");
    const shortPassword = run(["--email", "short@example.org", "--name", "Short"], "short");
    expect(shortPassword.status).toBe(1);
    expect(shortPassword.stderr).toContain("at least 10 characters");
    expect(await db.user.count({ where: { email: "short@example.org" } })).toBe(0);

    expect(run(["--email", "twice@example.org", "--name", "Twice"], "a sound first password").status).toBe(0);
    const again = run(["--email", "twice@example.org", "--name", "Twice"], "a sound first password");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already exists");
    expect(await db.user.count({ where: { email: "twice@example.org" } })).toBe(1);
  });
});
