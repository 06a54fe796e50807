"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams, useRouter } from "next/navigation";
import { useState } from "react";
import { sourceMetadataSchema } from "@/server/schemas/source";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorCode, errorMessage, fieldErrors } from "../errors";
import { validate } from "../forms/validate";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { TextArea, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { pubDateOf, SourceMetadataFields, type SourceMetadataValues } from "./source-metadata-fields";

export function EditSourcePage() {
  return <WorkspaceGate>{(ws) => <EditSource workspace={ws} />}</WorkspaceGate>;
}

type Form = SourceMetadataValues & { derivedFrom: { id: string; title: string } | null; text: string };

/**
 * Details of a source, and its text while no published material cites it: a
 * corrected text re-anchors the citations on the server, and a quoted passage
 * that is gone is marked "quote not found" rather than moved.
 */
function EditSource({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { sourceId } = useParams<{ sourceId: string }>();
  const source = useQuery(
    trpc.source.get.queryOptions({ sourceId }, { staleTime: Infinity, refetchOnWindowFocus: false }),
  );
  // A source that published material shows is edited through its proposal: the form starts from it.
  const review = useQuery(
    trpc.proposal.get.queryOptions(
      { targetType: "SOURCE", targetId: sourceId },
      { staleTime: Infinity, refetchOnWindowFocus: false },
    ),
  );
  const [form, setForm] = useState<Form | null>(null);
  const [version, setVersion] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [q, setQ] = useState("");
  const candidates = useQuery(
    trpc.source.list.queryOptions(
      { workspaceId: workspace.id, text: q.trim() || undefined, limit: 8 },
      { enabled: q.trim().length > 1 },
    ),
  );
  const save = useMutation(
    trpc.source.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.source.pathFilter());
        await queryClient.invalidateQueries(trpc.proposal.pathFilter());
        await queryClient.invalidateQueries(trpc.review.pathFilter());
        await queryClient.invalidateQueries(trpc.history.pathFilter());
        router.push(`/w/${workspace.slug}/sources/${sourceId}`);
      },
      onError: (err) => setErrors(fieldErrors(err)),
    }),
  );

  if (source.data && review.data && !form) {
    const s = source.data;
    const p = review.data.proposal;
    const d = p?.source?.proposed;
    setVersion(p?.version ?? s.version);
    setForm(
      d
        ? {
            kind: d.kind,
            title: d.title,
            publisherName: d.publisherName,
            author: d.author,
            pubYear: d.pubDate ? String(d.pubDate.year) : "",
            pubMonth: d.pubDate?.month ? String(d.pubDate.month) : "",
            pubDay: d.pubDate?.day ? String(d.pubDate.day) : "",
            url: d.url,
            language: d.language,
            derivedFrom: p.source?.proposedDerivedFrom ?? null,
            text: p.source?.proposedText ?? s.text,
          }
        : {
            kind: s.kind,
            title: s.title,
            publisherName: s.publisher?.name ?? "",
            author: s.author,
            pubYear: s.pubDate ? String(s.pubDate.year) : "",
            pubMonth: s.pubDate?.month ? String(s.pubDate.month) : "",
            pubDay: s.pubDate?.day ? String(s.pubDate.day) : "",
            url: s.url ?? "",
            language: s.language,
            derivedFrom: s.derivedFrom,
            text: s.text,
          },
    );
  }
  if (source.error) return <Notice tone="error">{errorMessage(source.error)}</Notice>;
  if (review.error) return <Notice tone="error">{errorMessage(review.error)}</Notice>;
  if (!form || !review.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const reviewed = review.data.reviewed;
  const proposal = review.data.proposal;
  const locked = proposal?.status === "PENDING";
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const submit = () => {
    const input = {
      kind: form.kind,
      title: form.title,
      publisherName: form.publisherName,
      author: form.author,
      pubDate: pubDateOf(form),
      url: form.url,
      language: form.language,
      derivedFromId: form.derivedFrom?.id ?? null,
    };
    const found = validate(sourceMetadataSchema, input);
    setErrors(found);
    if (Object.keys(found).length) return;
    // The text is sent only when it differs from the approved one (an unchanged save re-anchors nothing),
    // or to take back a text the proposal carries.
    const textChange =
      form.text !== source.data?.text || proposal?.source?.proposedText != null ? { text: form.text } : {};
    save.mutate({ ...input, ...textChange, sourceId, version });
  };

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">
        {reviewed ? "Propose a change to the source details" : "Edit source details"}
      </h1>
      {reviewed && (
        <Notice tone="info">
          Published material shows this source, so saving proposes a change: viewers keep seeing the current details
          until a reviewer who did not write the change approves it.
          {proposal && !locked && " You are editing the proposed change."}
        </Notice>
      )}
      {locked && (
        <Notice tone="info">
          A change to this source is waiting for review. Withdraw it on the source page to edit it again.
        </Notice>
      )}
      <Card
        description={
          reviewed
            ? "A corrected text is proposed with the details. Once approved, each quoted passage is found again in it; a passage that moved or is gone flags the events and published briefings that rely on it."
            : "If you correct the text, each quoted passage is found again in it; a passage that is gone is marked “quote not found” on its event."
        }
      >
        <form
          aria-label="Source details"
          className="space-y-5"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {save.error && (
            <Notice tone="error">
              {errorMessage(save.error)}
              {errorCode(save.error) === "CONFLICT" && (
                <button
                  type="button"
                  className="ml-2 font-medium underline"
                  onClick={async () => {
                    // The form is rebuilt from the queries' data: only once they hold the newer version,
                    // or it would start again from the stale one and the next save would be refused again.
                    await Promise.all([source.refetch(), review.refetch()]);
                    save.reset();
                    setForm(null);
                  }}
                >
                  Load their version
                </button>
              )}
            </Notice>
          )}
          <SourceMetadataFields value={form} onChange={set} errors={errors} />
          <div className="space-y-2">
            <span className="block text-sm font-medium text-slate-800">Derived from</span>
            <p className="text-xs text-slate-600">
              A wire copy, or a piece that only repeats another report: both then count as one independent origin.
            </p>
            {form.derivedFrom ? (
              <p className="text-sm">
                <span dir="auto">{form.derivedFrom.title}</span>{" "}
                <button
                  type="button"
                  className="ml-2 text-xs font-medium text-brand-700 underline"
                  onClick={() => set({ derivedFrom: null })}
                >
                  Remove
                </button>
              </p>
            ) : (
              <>
                <TextField label="Find the original source" value={q} onChange={(e) => setQ(e.target.value)} />
                <ul className="space-y-1 text-sm">
                  {candidates.data?.items
                    .filter((c) => c.id !== sourceId)
                    .map((c) => (
                      <li key={c.id}>
                        <button
                          type="button"
                          className="text-left text-brand-700 hover:underline"
                          dir="auto"
                          onClick={() => {
                            set({ derivedFrom: { id: c.id, title: c.title } });
                            setQ("");
                          }}
                        >
                          {c.title}
                        </button>
                      </li>
                    ))}
                </ul>
              </>
            )}
            {errors.derivedFromId && (
              <p role="alert" className="text-xs font-medium text-red-700">
                {errors.derivedFromId}
              </p>
            )}
          </div>
          <TextArea
            label="Text"
            hint={
              reviewed
                ? "The document's text as the reader shows it. Readers keep the current text until the change is approved."
                : "The document's text as the reader shows it. Citations follow their words when you change it."
            }
            rows={10}
            value={form.text}
            onChange={(e) => set({ text: e.target.value })}
            error={errors.text}
          />
          <Button type="submit" busy={save.isPending} disabled={locked}>
            {reviewed ? (proposal ? "Save the proposal" : "Propose the change") : "Save"}
          </Button>
        </form>
      </Card>
    </div>
  );
}
