import { describe, expect, it } from "vitest";

/**
 * /api/health as a stranger sees it while the database cannot be reached.
 * This file's app is pointed at an address where no PostgreSQL listens (port
 * 9, discard), before any server code is loaded, so the route's own pool
 * fails for real. The address carries a user, a password and a database name
 * that must not be echoed to the caller.
 */
const UNREACHABLE = "postgresql://dossier_owner:hunter2-not-for-you@127.0.0.1:9/dossier_private";
process.env.DATABASE_URL = UNREACHABLE;
const { GET } = await import("../../app/api/health/route.ts");

describe("GET /api/health while the database is down", () => {
  it("answers 503 and not ok, without the database's address or the driver's error", async () => {
    const res = await GET();
    expect(res.status).toBe(503);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: "error", db: "unreachable" });
    for (const secret of [
      "127.0.0.1",
      ":9",
      "dossier_owner",
      "hunter2",
      "dossier_private",
      "ECONNREFUSED",
      "connect",
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
