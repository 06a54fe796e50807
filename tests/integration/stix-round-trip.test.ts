import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed.ts";
import { DEMO_WORKSPACE } from "../../prisma/seed/accounts.ts";
import { db } from "../../server/db/client.ts";
import type { StixBundle, StixObject } from "../../server/lib/stix/build-bundle.ts";
import { exportStixChronology, importStixBundle } from "../../server/services/stix/index.ts";
import { curationTeam, publish, type CurationTeam } from "../helpers/curation.ts";
import { allCandidates } from "../helpers/import-run.ts";
import { validateStixBundle } from "../helpers/stix-validate.ts";

/**
 * The round trip: the demo workspace exported, imported into an empty
 * workspace through the real importer, every candidate accepted through the
 * real decision flow and taken through real review to the status it had,
 * exported again. The two bundles are equal once exactly the fields README.md
 * lists under "Round trip" are removed: that list is read from the README, so
 * the documentation and the test cannot drift apart.
 */

const as = (userId: string) => ({ userId });

/** One entry of the README's list: objects of a type (with conditions), and one of their fields or the whole object. */
type Selector = { type: string; conditions: string[]; field: string | null };

function documentedDifferences(): Selector[] {
  const readme = readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
  const start = readme.indexOf("<!-- stix-round-trip-differences:start -->");
  const end = readme.indexOf("<!-- stix-round-trip-differences:end -->");
  expect(start, "README.md should list the fields a round trip changes").toBeGreaterThan(0);
  const selectors = readme
    .slice(start, end)
    .split("\n")
    .filter((l) => l.startsWith("- "))
    .flatMap((l) => [...l.split(" — ")[0]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
  return selectors.map((s) => {
    const m = /^(\*|bundle|[a-z-]+)((?:\[[^\]]+\])*)(?:\.([a-z_]+))?$/.exec(s);
    expect(m, `"${s}" should be a selector: type[condition].field`).not.toBeNull();
    return { type: m![1]!, conditions: [...m![2]!.matchAll(/\[([^\]]+)\]/g)].map((c) => c[1]!), field: m![3] ?? null };
  });
}

function matches(o: StixObject, sel: Selector): boolean {
  if (sel.type !== "*" && sel.type !== o.type) return false;
  return sel.conditions.every((c) => {
    if (c.startsWith("!")) return o[c.slice(1)] === undefined;
    const [key, value] = c.split("=") as [string, string];
    const v = o[key];
    const wanted = value === "true" ? true : value;
    return Array.isArray(v) ? v.includes(wanted) : v === wanted;
  });
}

/** The bundle without the documented fields, its objects by id (their order means nothing). */
function comparable(bundle: StixBundle, selectors: Selector[]) {
  const bundleFields = selectors.filter((s) => s.type === "bundle").map((s) => s.field!);
  const rest = Object.fromEntries(Object.entries(bundle).filter(([k]) => k !== "objects" && !bundleFields.includes(k)));
  const objects = bundle.objects
    .filter((o) => !selectors.some((s) => s.type !== "bundle" && !s.field && matches(o, s)))
    .map((o) => {
      const copy: Record<string, unknown> = { ...o };
      for (const s of selectors) if (s.type !== "bundle" && s.field && matches(o, s)) delete copy[s.field];
      return copy;
    })
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return { ...rest, objects };
}

const byType = (bundle: StixBundle) => {
  const counts: Record<string, number> = {};
  for (const o of bundle.objects) counts[o.type] = (counts[o.type] ?? 0) + 1;
  return counts;
};

let t: CurationTeam;
let demoAdminId: string;
let demoWorkspaceId: string;
let first: StixBundle;

beforeAll(async () => {
  await seedDemo({ db });
  const demo = await db.workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE.slug }, select: { id: true } });
  demoWorkspaceId = demo.id;
  demoAdminId = (await db.user.findUniqueOrThrow({ where: { email: "admin@dossier.local" }, select: { id: true } })).id;
  t = await curationTeam();
  first = (await exportStixChronology(as(demoAdminId), demoWorkspaceId)).bundle;
}, 120_000);

/** Accepts every pending candidate of a job through the real decision flow, 100 at a time. */
async function acceptAll(jobId: string) {
  const pending = (await allCandidates(t.analyst, jobId)).filter((c) => c.status === "PENDING");
  for (let i = 0; i < pending.length; i += 100) {
    const items = pending.slice(i, i + 100).map((c) => ({ candidateId: c.id, version: c.version }));
    const results = await t.analyst.import.acceptMany({ jobId, items });
    expect(results.filter((r) => !r.ok)).toEqual([]);
  }
  return pending.length;
}

/** Takes each imported event through real review to the status the bundle gives it. */
async function reviewAsExported(bundle: StixBundle) {
  const status = new Map(
    bundle.objects.filter((o) => o.type === "report" && o.x_dossier_status).map((o) => [o.id, o.x_dossier_status]),
  );
  const events = await db.event.findMany({ where: { workspaceId: t.ws }, select: { id: true, stixId: true } });
  for (const e of events) {
    const wanted = status.get(e.stixId!);
    if (wanted === "PUBLISHED") await publish(t, e.id);
    else if (wanted === "PENDING") await t.analyst.review.submit({ eventId: e.id });
    else if (wanted === "CHANGES_REQUESTED" || wanted === "REJECTED") {
      const { round } = await t.analyst.review.submit({ eventId: e.id });
      await t.reviewer.review.decide({
        eventId: e.id,
        round,
        decision: wanted === "REJECTED" ? "REJECT" : "REQUEST_CHANGES",
        comment: "As it was in the workspace it came from.",
      });
    } else expect(wanted).toBe("DRAFT");
  }
}

describe("the demo workspace exported, imported into an empty workspace and exported again", () => {
  it("gives the same bundle apart from the documented fields", async () => {
    const differences = documentedDifferences();
    expect(validateStixBundle(first)).toEqual([]);
    // Markings are the workspace's own: the two workspaces hand material out alike.
    const [demoWs, emptyWs] = await Promise.all(
      [demoWorkspaceId, t.ws].map((id) =>
        db.workspace.findUniqueOrThrow({ where: { id }, select: { defaultMarking: true } }),
      ),
    );
    expect(emptyWs).toEqual(demoWs);
    expect(await db.event.count({ where: { workspaceId: t.ws } })).toBe(0);

    const result = await importStixBundle(as(t.users.analyst.id), {
      workspaceId: t.ws,
      fileName: "demo.stix.json",
      text: JSON.stringify(first),
    });
    const events = first.objects.filter((o) => o.type === "report" && o.x_dossier_status);
    expect(result).toMatchObject({ candidates: events.length, matched: 0, unchanged: 0, alreadyPending: 0 });
    // Nothing is published by importing.
    expect(await db.event.count({ where: { workspaceId: t.ws } })).toBe(0);

    expect(await acceptAll(result.jobId)).toBe(events.length);
    await reviewAsExported(first);

    const second = (await exportStixChronology(as(t.users.admin.id), t.ws)).bundle;
    expect(validateStixBundle(second)).toEqual([]);
    // The same objects, but for the opinions (votes are not imported: see README.md).
    expect(byType(second)).toEqual(withoutOpinions(first));
    expect(comparable(second, differences)).toEqual(comparable(first, differences));
  }, 300_000);

  it("imported again into the same workspace duplicates nothing", async () => {
    const counts = async () => ({
      events: await db.event.count({ where: { workspaceId: t.ws } }),
      sources: await db.source.count({ where: { workspaceId: t.ws } }),
      entities: await db.entity.count({ where: { workspaceId: t.ws } }),
      citations: await db.citation.count({ where: { workspaceId: t.ws } }),
    });
    const before = await counts();
    // The demo's bundle: every report is an event here already, unchanged.
    await expect(
      importStixBundle(as(t.users.analyst.id), {
        workspaceId: t.ws,
        fileName: "demo.stix.json",
        text: JSON.stringify(first),
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/already here \(\d+ unchanged\)/) });
    // This workspace's own export, likewise.
    const own = (await exportStixChronology(as(t.users.admin.id), t.ws)).bundle;
    await expect(
      importStixBundle(as(t.users.analyst.id), {
        workspaceId: t.ws,
        fileName: "own.stix.json",
        text: JSON.stringify(own),
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await counts()).toEqual(before);
  }, 120_000);
});

function withoutOpinions(bundle: StixBundle) {
  const counts = byType(bundle);
  delete counts.opinion;
  return counts;
}
