import { db as defaultDb, type Db } from "../server/db/client.ts";
import type { Role } from "../server/policy.ts";
import { hashPassword } from "../server/services/password.ts";

/**
 * The demo workspace shown on a first `npm start`. Deterministic: the same
 * accounts, workspace and entries every time. Written in the project's own
 * words; sources are cited, never copied.
 */
export const DEMO_PASSWORD = "dossier-demo";
export const DEMO_WORKSPACE = { slug: "iran-taliban-al-qaeda", name: "Iran, the Taliban and al-Qaeda" };

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role }[] = [
  { email: "admin@dossier.local", name: "Amina Admin", role: "ADMIN" },
  { email: "reviewer@dossier.local", name: "Rostam Reviewer", role: "REVIEWER" },
  { email: "analyst@dossier.local", name: "Ana Analyst", role: "ANALYST" },
  { email: "analyst2@dossier.local", name: "Bijan Analyst", role: "ANALYST" },
  { email: "viewer@dossier.local", name: "Vera Viewer", role: "VIEWER" },
];

const DEMO_EVENTS: { title: string; summary: string; status: "DRAFT" | "PUBLISHED"; by: string }[] = [
  {
    title: "Iranian diplomats killed at Mazar-i-Sharif consulate",
    summary:
      "When Taliban forces took Mazar-i-Sharif in August 1998, Iranian diplomats and a journalist at the consulate were killed; Tehran massed troops on the border in response.",
    status: "PUBLISHED",
    by: "analyst@dossier.local",
  },
  {
    title: "Taliban delegation visits Tehran",
    summary:
      "A Taliban political delegation held talks in Tehran in May 2015, a visit both sides described as part of regional consultations.",
    status: "PUBLISHED",
    by: "analyst@dossier.local",
  },
  {
    title: "Reported Taliban talks in Mashhad",
    summary:
      "News reports in 2016 described meetings between Taliban representatives and Iranian officials in Mashhad; dates and participants differ between accounts.",
    status: "DRAFT",
    by: "analyst2@dossier.local",
  },
];

async function reset(db: Db): Promise<void> {
  const ws = await db.workspace.findUnique({ where: { slug: DEMO_WORKSPACE.slug }, select: { id: true } });
  if (ws) await db.workspace.delete({ where: { id: ws.id } });
  await db.user.deleteMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } });
}

export async function seedDemo(opts: { reset?: boolean; log?: (line: string) => void; db?: Db } = {}): Promise<void> {
  const log = opts.log ?? (() => {});
  const db = opts.db ?? defaultDb;
  if (opts.reset) await reset(db);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const user = await db.user.upsert({
      where: { email: account.email },
      update: {},
      create: { email: account.email, name: account.name, passwordHash },
      select: { id: true },
    });
    users.set(account.email, user.id);
  }

  const workspace = await db.workspace.upsert({
    where: { slug: DEMO_WORKSPACE.slug },
    update: {},
    create: {
      slug: DEMO_WORKSPACE.slug,
      name: DEMO_WORKSPACE.name,
      description:
        "Relations between Iran, the Taliban and al-Qaeda since 1998: a sourced chronology, reliability ratings and briefings.",
    },
    select: { id: true },
  });

  for (const account of DEMO_ACCOUNTS) {
    await db.membership.upsert({
      where: { workspaceId_userId: { workspaceId: workspace.id, userId: users.get(account.email)! } },
      update: {},
      create: { workspaceId: workspace.id, userId: users.get(account.email)!, role: account.role },
    });
  }

  const existing = await db.event.count({ where: { workspaceId: workspace.id } });
  if (existing === 0) {
    // Fixed timestamps keep the seed deterministic.
    let t = Date.UTC(2026, 0, 5, 9, 0, 0);
    for (const e of DEMO_EVENTS) {
      const by = users.get(e.by)!;
      await db.event.create({
        data: {
          workspaceId: workspace.id,
          title: e.title,
          summary: e.summary,
          status: e.status,
          createdById: by,
          updatedById: by,
          createdAt: new Date((t += 3_600_000)),
        },
      });
    }
  }
  log(`Demo workspace "${DEMO_WORKSPACE.name}" is ready.`);
}
