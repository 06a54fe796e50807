import { pathToFileURL } from "node:url";
import { withDatabase } from "../server/cli/with-database.ts";
import { db as defaultDb, type Db } from "../server/db/client.ts";
import type { Prisma } from "../server/db/generated/client.ts";
import { citedIdsOf, loadCitedMaterial } from "../server/services/briefing/index.ts";
import { PUBLISHED_VIEW } from "../server/services/vote/index.ts";
import { contentHashOf } from "../server/lib/canonical-hash.ts";
import { hashPassword } from "../server/lib/password.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_WORKSPACE } from "./seed/accounts.ts";
import { buildBriefings, buildRows, userId, WORKSPACE_ID } from "./seed/build.ts";
import { at, demoId } from "./seed/ids.ts";

/**
 * The demo workspace shown on a first `npm start`: "Iran, the Taliban and
 * al-Qaeda", with a sourced chronology, ratings, work waiting for review and
 * briefings. Deterministic (ids from stable keys, timestamps from a fixed
 * epoch) and idempotent: a second run adds nothing; `reset` drops the demo
 * workspace and accounts and builds them again. The data lives in prisma/seed/.
 */
export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_WORKSPACE } from "./seed/accounts.ts";

async function reset(db: Db): Promise<void> {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const users = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true } });
  const ws = await db.workspace.findUnique({ where: { slug: DEMO_WORKSPACE.slug }, select: { id: true } });
  await db.$transaction(async (tx) => {
    if (ws) {
      // Vote history has no foreign key (it outlives withdrawn votes), so it does not cascade.
      await tx.voteHistory.deleteMany({ where: { workspaceId: ws.id } });
      await tx.workspace.delete({ where: { id: ws.id } });
    }
    await tx.voteReveal.deleteMany({ where: { voterId: { in: users.map((u) => u.id) } } });
    await tx.user.deleteMany({ where: { email: { in: emails } } });
  });
}

export async function seedDemo(opts: { reset?: boolean; log?: (line: string) => void; db?: Db } = {}): Promise<void> {
  const log = opts.log ?? (() => {});
  const db = opts.db ?? defaultDb;
  if (opts.reset) await reset(db);

  const rows = buildRows(await hashPassword(DEMO_PASSWORD));
  await db.$transaction(
    async (tx) => {
      // Accounts and workspace: created once, then left as people changed them.
      const ids = new Map<string, string>();
      for (const u of rows.users) {
        const user = await tx.user.upsert({ where: { email: u.email }, update: {}, create: u, select: { id: true } });
        ids.set(u.email, user.id);
      }
      const workspace = await tx.workspace.upsert({
        where: { slug: DEMO_WORKSPACE.slug },
        update: {},
        create: {
          id: WORKSPACE_ID,
          slug: DEMO_WORKSPACE.slug,
          name: DEMO_WORKSPACE.name,
          description: DEMO_WORKSPACE.description,
          createdAt: at(0),
          updatedAt: at(0),
        },
        select: { id: true },
      });
      const seededHere = workspace.id === WORKSPACE_ID && [...ids].every(([email, id]) => id === userId(email));
      for (const m of rows.memberships) {
        const memberId = ids.get(DEMO_ACCOUNTS.find((a) => userId(a.email) === m.userId)!.email)!;
        await tx.membership.upsert({
          where: { workspaceId_userId: { workspaceId: workspace.id, userId: memberId } },
          update: {},
          create: { ...m, workspaceId: workspace.id, userId: memberId },
        });
      }
      // The content is written once, into the workspace and accounts this seed made.
      if (!seededHere || (await tx.event.count({ where: { workspaceId: workspace.id } })) > 0) return;

      await tx.entity.createMany({ data: rows.entityRows });
      await tx.entityAlias.createMany({ data: rows.aliasRows });
      await tx.source.createMany({ data: rows.sourceRows });
      await tx.event.createMany({ data: rows.eventRows });
      await tx.eventEntity.createMany({ data: rows.eventEntityRows });
      await tx.citation.createMany({ data: rows.citationRows });
      await tx.reviewDecision.createMany({ data: rows.decisions });
      await tx.eventProposal.create({ data: rows.proposal });
      await tx.revision.createMany({ data: rows.revisions });
      await tx.vote.createMany({ data: rows.votes });
      await tx.voteHistory.createMany({ data: rows.voteHistory });

      const b = buildBriefings();
      await tx.briefing.createMany({ data: b.briefings });
      await tx.briefingDecision.createMany({ data: b.briefingDecisions });
      await tx.revision.createMany({ data: b.revisions });
      // Frozen the way approval freezes: what the briefing cites, as it stands now.
      for (const p of b.toPublish) {
        const { material } = await loadCitedMaterial(tx, WORKSPACE_ID, citedIdsOf(p.content), PUBLISHED_VIEW);
        await tx.briefingPublication.create({
          data: {
            id: demoId(`publication:${p.key}:1`),
            briefingId: p.id,
            workspaceId: WORKSPACE_ID,
            version: 1,
            content: p.content,
            cited: material as unknown as Prisma.InputJsonValue,
            authorIds: [p.author],
            reviewerIds: [p.reviewer],
            contentHash: contentHashOf({ content: p.content, cited: material }),
            approvedAt: p.approvedAt,
          },
        });
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  log(`Demo workspace "${DEMO_WORKSPACE.name}" is ready.`);
}

/**
 * As a command: `npm run db:seed [-- --reset]`, and what the first `npm start`
 * runs to fill an empty embedded database. Uses DATABASE_URL, or the embedded
 * server on the app's data directory.
 */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const say = (line: string) => console.log(`[dossier] ${line}`);
  try {
    await withDatabase(() => seedDemo({ reset: process.argv.includes("--reset"), log: say }));
    say(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const a of DEMO_ACCOUNTS) say(`  ${a.email.padEnd(26)} ${a.role.toLowerCase()}`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
