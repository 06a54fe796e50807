import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { collabStats, handleCollabUpgrade, startCollab, stopCollab } from "../../server/http/collab-ws.ts";
import { sessionCookie } from "../helpers/app-client.ts";
import { callerFor } from "../helpers/caller.ts";
import { openLiveDoc, type LiveClient } from "../helpers/collab-client.ts";
import { makeTeam } from "../helpers/factories.ts";

/**
 * Stopping the live editing server (a deploy's SIGTERM) with typing not yet
 * saved: the stop saves it, the save that was waiting for a pause in typing
 * included, and nothing is left to run once the stop is done, when the
 * database may already be gone (a late save used to fail there, and with it
 * the process's exit). In this process, so the test sees the server's own
 * counters.
 */

const server = http.createServer((_req, res) => res.writeHead(404).end());
server.on("upgrade", (req, socket, head) => void handleCollabUpgrade(req, socket, head).catch(() => socket.destroy()));
let client: LiveClient | undefined;

afterAll(async () => {
  client?.close();
  await stopCollab();
  await new Promise((r) => server.close(r));
});

describe("stopping the live editing server", () => {
  it("saves what was typed, the save waiting for a pause included, and leaves nothing to run after", async () => {
    const team = await makeTeam();
    const { caller, sessionId } = await callerFor(team.users.analyst.id);
    const created = await caller.briefing.create({ workspaceId: team.workspace.id, title: "Before the deploy" });
    await caller.briefing.update({ id: created.id, version: created.version, body: "Saved line." });

    await startCollab();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = await openLiveDoc(base, { cookie: await sessionCookie(sessionId), briefingId: created.id });
    client.text.insert(client.text.length, " Typed a moment ago.");
    // Applied by the server; its save waits for a pause in typing (a second).
    await client.waitFor(() => !client!.provider.hasUnsyncedChanges, "the server to apply the typing");

    await stopCollab();
    const syncsAtStop = collabStats.syncs;
    expect((await caller.briefing.get({ id: created.id })).working?.body).toBe("Saved line. Typed a moment ago.");
    // Past the pause a save was waiting for, and the editor's leaving: each save ran during the stop, none after.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(collabStats.syncs).toBe(syncsAtStop);
  }, 60_000);
});
