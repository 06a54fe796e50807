import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, eventInput } from "../helpers/curation.ts";

/**
 * The chronology's export worker gives its memory back: once no download has
 * run for the idle time (EXPORT_WORKER_IDLE_MS, read when the export code is
 * loaded, hence the imports below), the worker is stopped, and the next
 * download starts a new one. A download still being read keeps it running.
 */
process.env.EXPORT_WORKER_IDLE_MS = "400";
const { GET } = await import("../../app/api/w/[workspaceId]/events/export/route.ts");
const { chronologyExporterRunning } = await import("../../server/export/chronology-exporter.ts");
const { authSecret } = await import("../../server/auth.ts");
// Read once, above; other code this process loads keeps the default.
delete process.env.EXPORT_WORKER_IDLE_MS;

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the chronology export worker", () => {
  it("stops once idle, not while a download is open, and starts again for the next download", async () => {
    const t = await curationTeam();
    for (const title of ["Talks resume at the border", "Second round of talks"])
      await t.analyst.event.create({ workspaceId: t.ws, ...eventInput(title, { year: 2016, month: 3, day: 1 }) });
    const { sessionId } = await callerFor(t.users.analyst.id);
    const cookie = `next-auth.session-token=${await encode({ token: { sid: sessionId, sub: t.users.analyst.id }, secret: authSecret() })}`;
    const download = () =>
      GET(new NextRequest(`http://localhost/api/w/${t.ws}/events/export?format=csv`, { headers: { cookie } }), {
        params: Promise.resolve({ workspaceId: t.ws }),
      });

    expect(await (await download()).text()).toContain("Second round of talks");
    expect(chronologyExporterRunning()).toBe(true);
    await settle(1500);
    expect(chronologyExporterRunning()).toBe(false);

    // A download left open past the idle time keeps its worker, and reads on to its end.
    const open = await download();
    const reader = open.body!.getReader();
    await reader.read();
    await settle(1500);
    expect(chronologyExporterRunning()).toBe(true);
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toContain("Talks resume at the border");
    await settle(1500);
    expect(chronologyExporterRunning()).toBe(false);
  }, 120_000);
});
