import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { createSession } from "../../server/services/auth/index.ts";
import { pollHealth, sessionCookie, startAppServer, type AppServer, type Timed } from "../helpers/app-client.ts";
import { makeTeam } from "../helpers/factories.ts";

/**
 * Briefings written to stall the server, exported over HTTP while another
 * client keeps asking /api/health. Markdown is converted and PDFs compiled in
 * worker threads, after a shape check that refuses the worst at once, so
 * health keeps answering throughout. The bodies are stored directly, as text
 * saved before the save-time limits existed would be: saving them now is
 * refused (see request-limits.test.ts).
 *
 * Before this, one 6 KB "- - - … list" body held every request for the whole
 * conversion (tens of seconds on a busy machine) and then failed with 500.
 */

/** Generous: health answers in milliseconds; a stalled server took tens of seconds. */
const HEALTH_BOUND_MS = 10_000;

let app: AppServer;
let cookie: string;
let team: Awaited<ReturnType<typeof makeTeam>>;

beforeAll(async () => {
  app = await startAppServer();
  team = await makeTeam();
  cookie = await sessionCookie(await createSession(db, team.users.analyst.id, { ip: "127.0.0.1", userAgent: "t" }));
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

async function briefingWith(body: string): Promise<string> {
  const analyst = team.users.analyst.id;
  const b = await db.briefing.create({
    data: {
      workspaceId: team.workspace.id,
      title: "Hostile",
      marking: "TLP:AMBER",
      body,
      createdById: analyst,
      updatedById: analyst,
      authorIds: [analyst],
    },
    select: { id: true },
  });
  return b.id;
}

type Outcome = {
  status: number;
  type: string | null;
  error?: string;
  bytes: number;
  startedAt: number;
  endedAt: number;
};

async function exportOf(id: string, format: "pdf" | "md"): Promise<Outcome> {
  const startedAt = performance.now();
  const res = await fetch(`${app.base}/api/briefings/${id}/export?format=${format}&version=working`, {
    headers: { cookie },
  });
  const type = res.headers.get("content-type");
  const buf = Buffer.from(await res.arrayBuffer());
  const error = type?.includes("json") ? (JSON.parse(buf.toString()) as { error: string }).error : undefined;
  return { status: res.status, type, error, bytes: buf.byteLength, startedAt, endedAt: performance.now() };
}

/** Runs exports while health is polled; returns the exports and the health requests made meanwhile. */
async function whileTimingHealth(run: () => Promise<Outcome[]>) {
  const poll = pollHealth(app.base);
  await new Promise((r) => setTimeout(r, 200));
  const outcomes = await run();
  const from = Math.min(...outcomes.map((o) => o.startedAt));
  const to = Math.max(...outcomes.map((o) => o.endedAt));
  // One poll begun after the exports, whatever happened: see `during` below.
  while (!poll.samples.some((s) => s.startedAt >= to)) await new Promise((r) => setTimeout(r, 10));
  const samples = await poll.stop();
  const overlapping = samples.filter((s: Timed) => s.endedAt > from && s.startedAt < to);
  // A refusal can come back between two polls (they are 50 ms apart); then the first poll after it
  // stands for "during": a stalled server would have kept that one waiting too.
  const during = overlapping.length > 0 ? overlapping : samples.filter((s: Timed) => s.startedAt >= to).slice(0, 1);
  return { outcomes, samples, during, from, to };
}

function expectHealthAnswered(samples: Timed[]) {
  expect(samples.length).toBeGreaterThan(0);
  for (const s of samples) expect([s.status, s.ms < HEALTH_BOUND_MS]).toEqual([200, true]);
}

const refusedAtOnce: [string, string, RegExp][] = [
  [
    "a list nested 3,000 deep (6 KB)",
    `${"- ".repeat(3000)}list`,
    /body: Lists or quotes are nested more than 16 levels deep \(line 1\)/,
  ],
  ["quotes nested 5,000 deep", `${"> ".repeat(5000)}quote`, /nested more than 16 levels deep/],
  ["emphasis nested 3,000 deep", `${"*".repeat(3000)}deep${"*".repeat(3000)}`, /more than 2,000 emphasis marks/],
  [
    "links nested 3,000 deep",
    `${"[".repeat(3000)}x${"](https://example.org)".repeat(3000)}`,
    /more than 2,000 emphasis marks or brackets/,
  ],
  [
    "400 KB of emphasis in one paragraph",
    "*a* ".repeat(99_000),
    /paragraph at line 1 has more than 2,000 emphasis marks/,
  ],
];

describe("exporting hostile briefings while another client asks /api/health", () => {
  it.each(refusedAtOnce)(
    "%s: refused with 422 and a clear message, as PDF and as Markdown",
    async (_n, body, message) => {
      const id = await briefingWith(body);
      const { outcomes, during } = await whileTimingHealth(async () => [
        await exportOf(id, "pdf"),
        await exportOf(id, "md"),
      ]);
      for (const o of outcomes) {
        expect(o.status).toBe(422);
        expect(o.type).toContain("application/json");
        expect(o.error).toMatch(message);
      }
      expectHealthAnswered(during);
    },
  );

  it("10 MB of emphasis (more than a body may hold): refused with 413", async () => {
    const id = await briefingWith("*a* ".repeat(2_500_000));
    const { outcomes, during } = await whileTimingHealth(async () => [await exportOf(id, "pdf")]);
    expect(outcomes[0]).toMatchObject({ status: 413 });
    expect(outcomes[0]!.error).toBe(
      "This briefing has 10,000,000 characters of text; an export takes at most 1,000,000.",
    );
    expectHealthAnswered(during);
  });

  it("eight deep-list exports at once: all refused, health answering throughout", async () => {
    const id = await briefingWith(`${"- ".repeat(3000)}list`);
    const { outcomes, during } = await whileTimingHealth(() =>
      Promise.all(Array.from({ length: 8 }, (_, i) => exportOf(id, i % 2 ? "md" : "pdf"))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(Array(8).fill(422));
    expectHealthAnswered(during);
  });

  it("a full-size body at the shape limits is converted and compiled off the main thread: health answers while it runs", async () => {
    const body =
      `${"*a* ".repeat(500)}\n\n`.repeat(10) +
      `${"*".repeat(1000)}deep${"*".repeat(1000)}\n\n` +
      `${"Officials met in Herat to discuss the border and refugees. ".repeat(20)}\n\n`.repeat(300);
    expect(body.length).toBeGreaterThan(300_000);
    const id = await briefingWith(body);
    const { outcomes, during, from, to } = await whileTimingHealth(async () => [
      await exportOf(id, "md"),
      await exportOf(id, "pdf"),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([200, 200]);
    expect(outcomes[1]!.type).toBe("application/pdf");
    expect(outcomes[0]!.bytes).toBeGreaterThan(300_000);
    // Health requests were answered while the exports were still running, not only after.
    expect(during.filter((s) => s.endedAt < to && s.startedAt > from).length).toBeGreaterThan(0);
    expectHealthAnswered(during);
    console.info(
      `exports ${Math.round(to - from)} ms; ${during.length} health requests meanwhile, slowest ${Math.round(Math.max(...during.map((s) => s.ms)))} ms`,
    );
  }, 300_000);
});
