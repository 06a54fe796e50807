import type pg from "pg";
import { pool } from "../../db/client.ts";

export type Health = { status: "ok" | "error"; db: "ok" | "unreachable"; reason?: string };

export async function checkHealth(timeoutMs = 2000, client: Pick<pg.Pool, "query"> = pool()): Promise<Health> {
  try {
    await Promise.race([
      client.query("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return { status: "ok", db: "ok" };
  } catch (err) {
    return { status: "error", db: "unreachable", reason: (err as Error).message };
  }
}
