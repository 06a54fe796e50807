import { db } from "../../server/db/client.ts";

/** Each candidate's first telling, as "source:offset": two alike would be a duplicate candidate. */
export async function tellings(importId: string): Promise<string[]> {
  const rows = await db.importCandidatePassage.findMany({
    where: { candidate: { jobId: importId }, ordinal: 0 },
    select: { sourceId: true, startOffset: true },
  });
  return rows.map((r) => `${r.sourceId}:${r.startOffset}`);
}
