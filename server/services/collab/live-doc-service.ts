import { diffChars } from "diff";
import * as Y from "yjs";
import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import type { Actor } from "../access/index.ts";
import { savedBriefingBody, saveLiveBody } from "../briefing/index.ts";

/** The shared text inside a briefing's live document. */
export const BODY_TEXT = "body";
/** NOTIFY channel: a live document's stored state changed (payload: `{ b: briefing id, i: the instance that stored it }`). */
export const COLLAB_CHANNEL = "dossier_collab";

type Tx = Prisma.TransactionClient;

/** A document holding `body`, as one update (the state a new live document starts from). */
function stateOf(body: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(BODY_TEXT).insert(0, body);
  return Y.encodeStateAsUpdate(doc);
}

/**
 * Turns `from` into `to` on a copy of the document as it was when its text
 * was `from`, and returns that edit as a Yjs update. Applied to the live
 * document, it lands where those characters are now: text typed since is
 * kept around it, as if the other save had been typed live too.
 */
export function editAsUpdate(
  baseState: Uint8Array,
  from: string,
  to: string,
): { update: Uint8Array; state: Uint8Array } {
  const fork = new Y.Doc();
  Y.applyUpdate(fork, baseState);
  const text = fork.getText(BODY_TEXT);
  const before = Y.encodeStateVector(fork);
  // A text that differs everywhere is replaced whole rather than diffed for ever.
  const parts = diffChars(from, to, { timeout: 200 });
  fork.transact(() => {
    if (!parts || text.toString() !== from) {
      text.delete(0, text.length);
      text.insert(0, to);
      return;
    }
    let at = 0;
    for (const p of parts) {
      if (p.removed) text.delete(at, p.value.length);
      else if (p.added) {
        text.insert(at, p.value);
        at += p.value.length;
      } else at += p.value.length;
    }
  });
  return { update: Y.encodeStateAsUpdate(fork, before), state: Y.encodeStateAsUpdate(fork) };
}

const bytes = (u: Uint8Array) => new Uint8Array(u.buffer, u.byteOffset, u.byteLength) as Uint8Array<ArrayBuffer>;
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

async function lockedLiveDoc(tx: Tx, briefingId: string, workspaceId: string) {
  // The briefing first, then its document: the order every save and delete of the briefing takes too.
  await tx.$queryRaw`SELECT id FROM "Briefing" WHERE id = ${briefingId} FOR UPDATE`;
  const rows = await tx.$queryRaw<{ state: Uint8Array; syncedBody: string; syncedState: Uint8Array }[]>`
    SELECT state, "syncedBody", "syncedState" FROM "BriefingLiveDoc" WHERE "briefingId" = ${briefingId} FOR UPDATE`;
  if (rows[0]) return rows[0];
  // The first time: a document holding the saved body, which every instance then starts from.
  const saved = await savedBriefingBody(briefingId, tx);
  const body = saved?.body ?? "";
  const state = stateOf(body);
  await tx.briefingLiveDoc.create({
    data: { briefingId, workspaceId, state: bytes(state), syncedBody: body, syncedState: bytes(state) },
  });
  return { state, syncedBody: body, syncedState: state };
}

export type SyncResult = {
  /** The briefing's version after this sync, when it saved the body. */
  version: number | null;
  /** Why the body can no longer be typed into (deleted, waiting for review), or null. */
  closed: string | null;
  /** Whether the stored state changed (other instances holding the document should sync). */
  changed: boolean;
};

/**
 * Brings one instance's copy of a live document and the database together,
 * under the briefing's lock:
 * 1. what other instances stored is merged into `doc` (a CRDT merge);
 * 2. a body saved another way since the last sync (the API, a restore) is
 *    merged in as an edit (editAsUpdate), never overwritten;
 * 3. if `writers` typed since the last sync, the text is saved as the
 *    briefing's body on their behalf (a new version and history entry);
 * 4. the merged state is stored for the other instances and for authors
 *    who come back from offline.
 * Every change to `doc` reaches its connected editors through Hocuspocus.
 */
export async function syncLiveDoc(
  doc: Y.Doc,
  target: { briefingId: string; workspaceId: string },
  writers: Actor[],
  /** This instance, named in the announcement so it does not sync again on its own news. */
  origin: string,
): Promise<SyncResult> {
  return db.$transaction(
    async (tx) => {
      const row = await lockedLiveDoc(tx, target.briefingId, target.workspaceId);
      Y.applyUpdate(doc, row.state);
      let syncedBody = row.syncedBody;
      let syncedState: Uint8Array = row.syncedState;
      const saved = await savedBriefingBody(target.briefingId, tx);
      if (!saved) return { version: null, closed: "This briefing was deleted.", changed: false };
      if (saved.body !== syncedBody) {
        const edit = editAsUpdate(syncedState, syncedBody, saved.body);
        Y.applyUpdate(doc, edit.update);
        syncedBody = saved.body;
        syncedState = edit.state;
      }
      let version: number | null = null;
      const text = doc.getText(BODY_TEXT).toString();
      const state = Y.encodeStateAsUpdate(doc);
      if (writers.length > 0 && !saved.closed && text !== syncedBody) {
        const res = await saveLiveBody(tx, writers, {
          briefingId: target.briefingId,
          expected: saved.body,
          body: text,
        });
        if (res.kind === "saved" || res.kind === "unchanged") {
          version = res.version;
          syncedBody = text;
          syncedState = state;
        }
      }
      const stored = Y.encodeStateVectorFromUpdate(row.state);
      const changed = !sameBytes(stored, Y.encodeStateVector(doc)) || syncedBody !== row.syncedBody;
      if (changed) {
        await tx.briefingLiveDoc.update({
          where: { briefingId: target.briefingId },
          data: { state: bytes(state), syncedBody, syncedState: bytes(syncedState) },
        });
        const news = JSON.stringify({ b: target.briefingId, i: origin });
        await tx.$executeRaw`SELECT pg_notify(${COLLAB_CHANNEL}, ${news})`;
      }
      return { version, closed: saved.closed, changed };
    },
    // A long body's merge and save take a moment; other saves of this briefing wait for it.
    { timeout: 20_000, maxWait: 10_000 },
  );
}
