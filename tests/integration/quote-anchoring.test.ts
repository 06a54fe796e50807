import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { addEvent, addSource } from "../helpers/citation-checks.ts";
import { curationTeam, passage, publish, type CurationTeam } from "../helpers/curation.ts";

/**
 * A source's text is corrected after passages were cited from it: each
 * citation is found again by its quote selector (the words, the text either
 * side, the offsets), in the same transaction as the edit. Words that no
 * longer occur are marked "quote not found" on the event and in the review
 * queue, and never quietly moved onto other words.
 */

const TEXT = [
  "Harbour report, morning edition.",
  "The ferry to the island was cancelled because of high winds.",
  "Fishermen said the storm was the worst in ten years.",
  "The port authority will publish a statement on Friday.",
].join("\n");

async function editText(t: CurationTeam, sourceId: string, text: string) {
  const s = await t.analyst.source.get({ sourceId, withText: false });
  return t.analyst.source.update({
    sourceId,
    version: s.version,
    kind: s.kind,
    title: s.title,
    publisherName: s.publisher?.name ?? "",
    author: s.author,
    pubDate: s.pubDate,
    url: s.url ?? "",
    language: s.language,
    text,
  });
}

async function citedOn(
  t: CurationTeam,
  eventId: string,
  sourceText: string,
  sourceId: string,
  quote: string,
  from = 0,
) {
  const p = passage(sourceText, quote, from);
  return t.analyst.citation.create({ eventId, sourceId, stance: "SUPPORTS", note: "", ...p });
}

const rowOf = (id: string) =>
  db.citation.findUniqueOrThrow({
    where: { id },
    select: { startOffset: true, endOffset: true, quote: true, contextBefore: true, quoteNotFoundAt: true },
  });

describe("re-anchoring citations when a source's text is edited", () => {
  it("moves the offsets when the edit shifts the quoted words", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Harbour report", TEXT);
    const event = await addEvent(t, "Island ferry cancelled");
    const quote = "The ferry to the island was cancelled because of high winds.";
    const c = await citedOn(t, event.id, source.text, source.id, quote);
    const before = await rowOf(c.id);

    const edited = `Correction appended by the desk: the edition was reissued at noon.\n${TEXT}`;
    const saved = await editText(t, source.id, edited);
    expect(saved.anchors).toEqual({ kept: 0, moved: 1, notFound: 0 });

    const after = await rowOf(c.id);
    expect(after.startOffset).toBe(edited.indexOf(quote));
    expect(after.startOffset).toBeGreaterThan(before.startOffset);
    expect(edited.slice(after.startOffset, after.endOffset)).toBe(quote);
    expect(after.quoteNotFoundAt).toBeNull();
    // The reader highlights it at its new place.
    const chunk = await t.viewer.source.textChunk({ sourceId: source.id }).catch(() => null);
    const mine = await t.analyst.source.textChunk({ sourceId: source.id });
    expect(mine.citations.find((x) => x.id === c.id)).toMatchObject({ startOffset: after.startOffset });
    expect(chunk?.citations.some((x) => x.id === c.id) ?? false).toBe(false); // a draft event: not the viewer's
  });

  it("changes nothing when the text is saved unchanged", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Harbour report", TEXT);
    const event = await addEvent(t, "Storm");
    const c = await citedOn(t, event.id, source.text, source.id, "the storm was the worst in ten years");
    const before = await rowOf(c.id);
    const saved = await editText(t, source.id, `${TEXT}\n\n`);
    expect(saved.anchors).toBeNull(); // normalised, the text is the same
    expect(await rowOf(c.id)).toEqual(before);
  });

  it("marks a quote whose words were removed, on the event and in the review queue, without moving it", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Harbour report", TEXT);
    const event = await addEvent(t, "Port statement due");
    const gone = await citedOn(t, event.id, source.text, source.id, "will publish a statement on Friday");
    const stays = await citedOn(t, event.id, source.text, source.id, "Harbour report, morning edition.");
    const before = await rowOf(gone.id);

    const edited = TEXT.replace("will publish a statement on Friday", "has not said when it will comment");
    const saved = await editText(t, source.id, edited);
    expect(saved.anchors).toEqual({ kept: 1, moved: 0, notFound: 1 });

    const after = await rowOf(gone.id);
    expect(after.quoteNotFoundAt).toBeInstanceOf(Date);
    expect({ start: after.startOffset, end: after.endOffset, quote: after.quote }).toEqual({
      start: before.startOffset,
      end: before.endOffset,
      quote: before.quote,
    });
    expect((await rowOf(stays.id)).quoteNotFoundAt).toBeNull();

    // The event page's data says which passage is lost.
    const page = await t.analyst.citation.forEvent({ eventId: event.id });
    expect(page.citations.find((x) => x.id === gone.id)?.quoteNotFoundAt).toBeInstanceOf(Date);
    expect(page.citations.find((x) => x.id === stays.id)?.quoteNotFoundAt).toBeNull();
    // The reader does not highlight other words at the lost passage's old offsets.
    const chunk = await t.analyst.source.textChunk({ sourceId: source.id });
    expect(chunk.citations.map((x) => x.id)).toEqual([stays.id]);

    // Submitted for review, the queue's card says so.
    await t.analyst.review.submit({ eventId: event.id });
    const queue = await t.reviewer.review.queue({ workspaceId: t.ws });
    const card = queue.items.find((i) => i.eventId === event.id)!;
    expect(card.evidence.quoteNotFound).toBe(1);
    expect(card.evidence.citations.find((x) => x.id === gone.id)?.quoteNotFound).toBe(true);
    expect(card.evidence.citations.find((x) => x.id === stays.id)?.quoteNotFound).toBe(false);
  });

  it("clears the mark when a later edit puts the words back", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Harbour report", TEXT);
    const event = await addEvent(t, "Storm");
    const c = await citedOn(t, event.id, source.text, source.id, "the worst in ten years");
    await editText(t, source.id, TEXT.replace("the worst in ten years", "very strong"));
    expect((await rowOf(c.id)).quoteNotFoundAt).toBeInstanceOf(Date);
    const restored = `Reissued.\n${TEXT}`;
    await editText(t, source.id, restored);
    const row = await rowOf(c.id);
    expect(row.quoteNotFoundAt).toBeNull();
    expect(restored.slice(row.startOffset, row.endOffset)).toBe("the worst in ten years");
  });

  it("follows the context to the right occurrence when the quoted words occur twice", async () => {
    const t = await curationTeam();
    const text = "The mayor said: the road is open. The police said: the road is open. Drivers were cautious.";
    const source = await addSource(t, "Two statements", text);
    const event = await addEvent(t, "Police reopen the road");
    const policeAt = text.indexOf("police");
    const c = await citedOn(t, event.id, source.text, source.id, "the road is open.", policeAt);
    // The mayor's statement grows, so the police's words move far from their old offsets.
    const edited = text.replace(
      "The mayor said: the road is open.",
      "The mayor, speaking at length about repairs, traffic and the coming winter, said: the road is open.",
    );
    await editText(t, source.id, edited);
    const row = await rowOf(c.id);
    expect(row.startOffset).toBe(edited.lastIndexOf("the road is open."));
    expect(edited.slice(row.startOffset - 17, row.startOffset)).toBe("The police said: ");
  });

  it("keeps UTF-16 offsets in Persian text and refuses a match that would split a letter from its mark", async () => {
    const t = await curationTeam();
    const text = "گزارش بندر: کشتی امروز حرکت نکرد. باد شدید بود.";
    const source = await addSource(t, "گزارش بندر", text);
    const event = await addEvent(t, "کشتی حرکت نکرد");
    const quote = "کشتی امروز حرکت نکرد";
    const c = await citedOn(t, event.id, source.text, source.id, quote);
    // First the words with a kasra on their last letter (another reading), then the passage itself, shifted.
    const edited = `یادداشت: کشتی امروز حرکت نکردِ قبلی. ${text}`;
    const saved = await editText(t, source.id, edited);
    expect(saved.anchors).toEqual({ kept: 0, moved: 1, notFound: 0 });
    const row = await rowOf(c.id);
    expect(row.startOffset).toBe(edited.lastIndexOf(quote));
    expect(row.endOffset - row.startOffset).toBe(quote.length);
    // The reader's chunk (the same offsets) shows exactly the quoted words there.
    const chunk = await t.analyst.source.textChunk({ sourceId: source.id });
    expect(chunk.text.slice(row.startOffset, row.endOffset)).toBe(quote);
  });

  it("lets two citations of the same words on one event trade places without a clash", async () => {
    const t = await curationTeam();
    const text = "Witness one: shots were fired. Witness two: shots were fired.";
    const source = await addSource(t, "Witnesses", text);
    const event = await addEvent(t, "Shots fired");
    const first = await citedOn(t, event.id, source.text, source.id, "shots were fired.");
    const second = await citedOn(t, event.id, source.text, source.id, "shots were fired.", 20);
    const edited = `Witness zero: shots were fired. ${text}`;
    const saved = await editText(t, source.id, edited);
    expect(saved.anchors?.notFound).toBe(0);
    const [a, b] = [await rowOf(first.id), await rowOf(second.id)];
    expect(edited.slice(a.startOffset - 13, a.startOffset)).toBe("Witness one: ");
    expect(edited.slice(b.startOffset - 13, b.startOffset)).toBe("Witness two: ");
  });

  it("proposes a new text for a source that published material cites, and re-anchors its citations once approved", async () => {
    const t = await curationTeam();
    // A long document (about 200 KB), so what the reviewer is shown must be the change, not the texts.
    const filler = Array.from(
      { length: 2000 },
      (_, i) => `Tide table ${i + 1}: high water at ${i % 12} o'clock, low water six hours later.`,
    );
    const long = [TEXT, ...filler].join("\n");
    const source = await addSource(t, "Harbour report", long);
    const event = await addEvent(t, "Island ferry cancelled");
    const ferry = await citedOn(t, event.id, source.text, source.id, "The ferry to the island was cancelled");
    const storm = await citedOn(t, event.id, source.text, source.id, "the storm was the worst in ten years");
    await publish(t, event.id);
    const rows = { ferry: await rowOf(ferry.id), storm: await rowOf(storm.id) };

    const edited = `Corrected edition.\n${source.text.replace("the storm was the worst in ten years", "the storm was severe")}`;
    const saved = await editText(t, source.id, edited);
    expect(saved).toMatchObject({ proposed: true });
    // Nothing readers see has changed: the text, and the citations pointing into it.
    expect((await t.viewer.source.get({ sourceId: source.id })).text).toBe(source.text);
    expect(await rowOf(ferry.id)).toEqual(rows.ferry);

    // The reviewer sees the length and the two changed passages with some context, a few hundred characters.
    const review = await t.reviewer.proposal.get({ targetType: "SOURCE", targetId: source.id });
    const text = review.proposal!.changes.find((c) => c.field === "text")!;
    expect(text.before.length + text.after.length).toBeLessThan(1000);
    expect(text.before).toContain("the storm was the worst in ten years");
    expect(text.after).toContain("Corrected edition.");
    expect(text.after).toContain("the storm was severe");
    expect(review.proposal!.changes.find((c) => c.field === "textLength")).toMatchObject({
      before: `${source.text.length.toLocaleString("en")} characters`,
      after: `${edited.length.toLocaleString("en")} characters`,
    });
    const queued = await t.reviewer.proposal.queue({ workspaceId: t.ws, limit: 10 });
    expect(queued.items).toHaveLength(0); // not submitted yet
    // The author's edit form starts from the proposed text.
    expect(
      (await t.analyst.proposal.get({ targetType: "SOURCE", targetId: source.id })).proposal?.source,
    ).toMatchObject({ proposedText: edited });

    const { round } = await t.analyst.proposal.submit({ targetType: "SOURCE", targetId: source.id });
    const inQueue = (await t.reviewer.proposal.queue({ workspaceId: t.ws, limit: 10 })).items[0]!;
    expect(inQueue.changes.find((c) => c.field === "text")).toEqual(text);
    await t.reviewer.proposal.decide({
      targetType: "SOURCE",
      targetId: source.id,
      round,
      decision: "APPROVE",
      comment: "",
    });

    // Approved: the text is replaced and, in the same transaction, the quotes found again or marked lost.
    expect((await t.viewer.source.get({ sourceId: source.id })).text).toBe(edited);
    const moved = await rowOf(ferry.id);
    expect(edited.slice(moved.startOffset, moved.endOffset)).toBe("The ferry to the island was cancelled");
    expect(moved.startOffset).toBe(rows.ferry.startOffset + "Corrected edition.\n".length);
    expect((await rowOf(storm.id)).quoteNotFoundAt).toBeInstanceOf(Date);
    const change = await db.evidenceChange.findFirstOrThrow({
      where: { sourceId: source.id },
      select: { kind: true, note: true, eventIds: true },
    });
    expect(change).toEqual({
      kind: "SOURCE_TEXT_EDITED",
      note: "1 quoted passage moved, 1 quoted passage no longer found in the new text.",
      eventIds: [event.id],
    });
  });
});
