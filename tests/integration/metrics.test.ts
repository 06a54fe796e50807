import { describe, expect, it } from "vitest";
import { metricsResponse } from "../../server/http/metrics-endpoint.ts";
import { signInWithPassword } from "../../server/services/auth/index.ts";
import { callerFor } from "../helpers/caller.ts";
import { eventInput } from "../helpers/curation.ts";
import { makeTeam } from "../helpers/factories.ts";

/**
 * /api/metrics: absent unless METRICS_TOKEN is set, refused without the
 * token, and with it Prometheus text that counts calls, errors, sign-in
 * failures and the pool — and names nothing anyone wrote.
 */

const TOKEN = "a-metrics-token-of-some-length";

type Sample = { name: string; labels: Record<string, string>; value: number };

/** Prometheus' text format, the lines a scraper reads: `name{label="v",…} value`. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    expect(m, `a sample line: ${line}`).not.toBeNull();
    const labels: Record<string, string> = {};
    for (const [, k, v] of m![2]?.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g) ?? []) labels[k!] = v!;
    samples.push({ name: m![1]!, labels, value: Number(m![3]) });
  }
  return samples;
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe("/api/metrics", () => {
  it("does not exist without a token configured", async () => {
    const res = await metricsResponse("Bearer anything", undefined);
    expect(res.status).toBe(404);
  });

  it("refuses a request without the token, or with another one", async () => {
    for (const header of [null, "", `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      const res = await metricsResponse(header, TOKEN);
      expect(res.status, String(header)).toBe(401);
      expect(await res.text()).not.toContain("dossier_");
    }
  });

  it("counts calls by procedure and code, sign-in failures and the pool, and reveals no content", async () => {
    const team = await makeTeam();
    const { caller: analyst } = await callerFor(team.users.analyst.id);
    const { caller: viewer } = await callerFor(team.users.viewer.id);
    const secretTitle = "Meeting at the safe house on Quay Street";
    await analyst.event.create({ workspaceId: team.workspace.id, ...eventInput(secretTitle) });
    await expect(viewer.event.create({ workspaceId: team.workspace.id, ...eventInput("Refused") })).rejects.toThrow();
    await expect(
      signInWithPassword({ email: team.users.admin.email, password: "not the password", ip: "192.0.2.44" }),
    ).rejects.toThrow(/incorrect/);

    const res = await metricsResponse(`Bearer ${TOKEN}`, TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    const samples = parse(text);

    const created = { procedure: "event.create", type: "mutation" };
    expect(value(samples, "dossier_trpc_requests_total", { ...created, code: "OK" })).toBeGreaterThanOrEqual(1);
    expect(value(samples, "dossier_trpc_requests_total", { ...created, code: "FORBIDDEN" })).toBeGreaterThanOrEqual(1);
    expect(value(samples, "dossier_trpc_errors_total", { code: "FORBIDDEN" })).toBeGreaterThanOrEqual(1);
    expect(value(samples, "dossier_trpc_request_duration_seconds_count", created)).toBeGreaterThanOrEqual(2);
    expect(value(samples, "dossier_login_failures_total", { reason: "wrong_password" })).toBeGreaterThanOrEqual(1);
    expect(value(samples, "dossier_db_pool_connections", { state: "max" })).toBeGreaterThan(0);
    expect(value(samples, "dossier_jobs_waiting", { queue: "import" })).toBe(0);

    // Labels are names fixed by the code: nothing typed by a user, no ids, no addresses.
    for (const secret of [secretTitle, team.users.admin.email, team.workspace.id, team.workspace.slug, "192.0.2.44"]) {
      expect(text).not.toContain(secret);
    }
  });
});
