import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, eventInput, outcome, publish } from "../helpers/curation.ts";
import { addMember, makeUser } from "../helpers/factories.ts";

/**
 * Many analysts saving the same published event at the same moment, all from
 * the version they opened: exactly one edit becomes the proposal, every other
 * one is told it is stale, and nobody sees a server error. More saves than the
 * connection pool holds, so some wait for a connection and then for the row.
 */
describe("fifty saves of one published event on one base version", () => {
  it("lets exactly one through as the proposal and refuses 49 as stale, with no server error", async () => {
    const t = await curationTeam();
    const created = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Talks in Tehran") });
    await publish(t, created.id);
    const base = (await t.analyst.event.get({ eventId: created.id })).version;

    const analysts = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const user = await makeUser({ name: `Analyst ${i}` });
        await addMember(t.ws, user.id, "ANALYST");
        return (await callerFor(user.id)).caller;
      }),
    );

    const results = await Promise.all(
      analysts.map((caller, i) =>
        outcome(
          caller.event.update({ eventId: created.id, version: base, ...eventInput(`Talks in Tehran, take ${i}`) }),
        ),
      ),
    );

    const tally = results.reduce<Record<string, number>>((n, r) => ({ ...n, [r]: (n[r] ?? 0) + 1 }), {});
    expect(tally).toEqual({ ok: 1, CONFLICT: 49 });

    // The published event is untouched; the one proposal holds the winner's title, one version on.
    const event = await db.event.findUniqueOrThrow({
      where: { id: created.id },
      select: { title: true, version: true, status: true },
    });
    expect(event).toEqual({ title: "Talks in Tehran", version: base, status: "PUBLISHED" });
    const proposals = await db.eventProposal.findMany({
      where: { eventId: created.id },
      select: { version: true, snapshot: true },
    });
    expect(proposals).toHaveLength(1);
    expect(proposals[0]!.version).toBe(base + 1);
    const winner = results.indexOf("ok");
    expect((proposals[0]!.snapshot as { title: string }).title).toBe(`Talks in Tehran, take ${winner}`);
    expect(await db.auditLog.count({ where: { targetId: created.id, action: "event.change_proposed" } })).toBe(1);
  }, 120_000);
});
