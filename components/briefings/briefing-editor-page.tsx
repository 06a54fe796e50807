"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, CloudOff, ListOrdered, Loader2, Quote, Radio, WifiOff } from "lucide-react";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from "react";
import {
  LIMITS,
  MARKINGS,
  citationToken,
  orderedRefs,
  type BriefingContent,
  type Marking,
} from "@/server/schemas/briefing";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorCode, errorMessage } from "../errors";
import { useTRPC, useTRPCClient } from "../trpc";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { SelectField, TextArea, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { PresenceNotice } from "../live/presence";
import { ProblemList } from "./problem-list";
import { LiveBodyEditor, type LiveBodyHandle, type LiveStatus } from "./live-body-editor";
import { BriefingReader } from "./briefing-reader";
import { BriefingStatusBadge } from "./briefing-status";
import { CitationPicker, type Citable } from "./citation-picker";
import { KeyJudgmentsEditor } from "./key-judgments-editor";
import { MarkingBadge } from "./marking-badge";
import { MergeView } from "./merge-view";
import { buildReferences } from "./references";
import { readBackup, sameContent, useAutosave, type SaveState } from "./use-autosave";
import { useResolvedRefs } from "./use-resolved-refs";
import { Timestamp } from "../ui/timestamp";

export function BriefingEditPage() {
  return <WorkspaceGate>{(ws) => <EditorLoader workspace={ws} />}</WorkspaceGate>;
}

function EditorLoader({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id } = useParams<{ id: string }>();
  // Loaded once: the editor owns the text from then on, and a later server copy arrives only through the merge view.
  const briefing = useQuery(
    trpc.briefing.get.queryOptions({ id }, { staleTime: Infinity, refetchOnWindowFocus: false }),
  );
  const withdraw = useMutation(
    trpc.briefing.withdraw.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.briefing.pathFilter()),
    }),
  );
  const base = `/w/${workspace.slug}/briefings/${id}`;

  if (briefing.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (briefing.error) {
    return errorCode(briefing.error) === "NOT_FOUND" ? (
      <EmptyState title="Briefing not found">It may have been deleted.</EmptyState>
    ) : (
      <Notice tone="error">{errorMessage(briefing.error)}</Notice>
    );
  }
  const b = briefing.data;
  if (!b.canEdit || !b.working) {
    return (
      <EmptyState
        title="You cannot edit this briefing"
        action={
          <Link href={base} className="text-sm font-medium text-brand-700 underline">
            Read it
          </Link>
        }
      >
        Your role in this workspace allows reading only.
      </EmptyState>
    );
  }
  if (b.status === "PENDING") {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <h1 className="text-2xl font-semibold" dir="auto">
          {b.working.title}
        </h1>
        <Notice>
          This revision is waiting for review, so it cannot change under the reviewers’ eyes.{" "}
          {b.isAuthor ? "Withdraw it to keep writing; you can submit it again later." : "An author can withdraw it."}
        </Notice>
        {withdraw.error && <Notice tone="error">{errorMessage(withdraw.error)}</Notice>}
        <div className="flex gap-2">
          {b.isAuthor && (
            <Button busy={withdraw.isPending} onClick={() => withdraw.mutate({ id })}>
              Withdraw and edit
            </Button>
          )}
          <Link
            href={base}
            className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Back to the briefing
          </Link>
        </div>
      </div>
    );
  }
  return (
    <>
      <PresenceNotice target={{ workspaceId: workspace.id, targetType: "briefing", targetId: b.id }} editing />
      <BriefingEditor
        key={b.id}
        workspace={workspace}
        briefingId={b.id}
        status={b.status}
        initial={b.working}
        initialVersion={b.version}
      />
    </>
  );
}

type PickerTarget = { type: "body"; from?: number } | { type: "judgment"; index: number };

function BriefingEditor({
  workspace,
  briefingId,
  status,
  initial,
  initialVersion,
}: {
  workspace: WorkspaceOverview;
  briefingId: string;
  status: string;
  initial: BriefingContent;
  initialVersion: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const ids = useId();
  const body = useRef<LiveBodyHandle>(null);
  const me = useQuery(trpc.me.get.queryOptions());
  // The body is typed together live (LiveBodyEditor): the server saves it, so autosave leaves it alone.
  const [liveBody, setLiveBody] = useState(initial.body);
  const [live, setLive] = useState<LiveStatus>({ kind: "connecting" });
  const update = useMutation(trpc.briefing.update.mutationOptions());
  // Saving a published briefing starts a draft revision: the badge follows what the server says.
  const [liveStatus, setLiveStatus] = useState(status);
  // mutateAsync keeps its identity across renders, so the autosave timer is not reset by unrelated renders.
  const { mutateAsync } = update;
  const save = useCallback(
    async (input: Parameters<typeof mutateAsync>[0]) => {
      const res = await mutateAsync(input);
      setLiveStatus(res.status);
      return res;
    },
    [mutateAsync],
  );
  const client = useTRPCClient();
  // Straight from the server, past the query cache: the page around the editor must not re-render with their copy.
  const fetchLatest = useCallback(async () => {
    const b = await client.briefing.get.query({ id: briefingId });
    // The body is never merged here: the live document merges it.
    return { content: { ...b.working!, body: initial.body }, version: b.version };
  }, [client, briefingId, initial.body]);
  const auto = useAutosave({ id: briefingId, initial, initialVersion, save, fetchLatest });
  const { content: fields, setContent } = auto;
  // One object per change (not per render): the reference lookup waits for it to settle.
  const content = useMemo(() => ({ ...fields, body: liveBody }), [fields, liveBody]);
  // The preview re-renders after the keystroke, not during it: a long body must not slow typing.
  const previewContent = useDeferredValue(content);
  const resolved = useResolvedRefs(workspace.id, content, 500);
  const refs = buildReferences(orderedRefs(content), resolved.data);
  const problems = resolved.data?.problems ?? [];
  const [picker, setPicker] = useState<PickerTarget | null>(null);
  const [chronology, setChronology] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [backup, setBackup] = useState<ReturnType<typeof readBackup>>(null);
  const base = `/w/${workspace.slug}/briefings/${briefingId}`;

  // Text this browser kept from a session that did not reach the server.
  useEffect(() => {
    const b = readBackup(briefingId);
    if (b && !sameContent(b.content, initial)) setBackup(b);
  }, [briefingId, initial]);

  const set = <K extends keyof BriefingContent>(k: K, v: BriefingContent[K]) => setContent((c) => ({ ...c, [k]: v }));

  const onPick = (item: Citable) => {
    const target = picker;
    setPicker(null);
    if (!target) return;
    if (target.type === "body") {
      body.current?.insert(citationToken(item), target.from);
    } else {
      setContent((c) => ({
        ...c,
        keyJudgments: c.keyJudgments.map((kj, i) =>
          i !== target.index
            ? kj
            : item.kind === "event"
              ? { ...kj, eventIds: kj.eventIds.includes(item.id) ? kj.eventIds : [...kj.eventIds, item.id] }
              : { ...kj, sourceIds: kj.sourceIds.includes(item.id) ? kj.sourceIds : [...kj.sourceIds, item.id] },
        ),
      }));
    }
  };
  const closePicker = () => {
    const wasBody = picker?.type === "body";
    setPicker(null);
    if (wasBody) requestAnimationFrame(() => body.current?.focus());
  };

  const insertChronology = async () => {
    setChronology({ busy: true, error: null });
    try {
      // The chronology is built from the saved copy: save first so it sees every citation typed so far.
      await auto.flush();
      await body.current?.flush();
      const res: unknown = await queryClient.fetchQuery(
        trpc.briefing.chronology.queryOptions({ id: briefingId }, { staleTime: 0 }),
      );
      const text = typeof res === "string" ? res : (res as { markdown: string }).markdown;
      body.current?.insert(`\n${text.trim()}\n`);
      setChronology({ busy: false, error: null });
    } catch (err) {
      setChronology({ busy: false, error: errorMessage(err) });
    }
  };

  const done = async () => {
    const saved = await auto.flush();
    const bodySaved = live.kind === "closed" || (await body.current?.flush()) === true;
    if (
      !saved &&
      !window.confirm(
        "Some changes could not be saved yet (see the messages on the page). Leave anyway? A copy stays in this browser.",
      )
    )
      return;
    if (
      saved &&
      !bodySaved &&
      !window.confirm(
        "The body's latest typing has not reached the server (you are offline). Leave anyway? It is lost if you close this page.",
      )
    )
      return;
    await queryClient.invalidateQueries(trpc.briefing.pathFilter());
    router.push(`${base}?view=working`);
  };

  const conflict = auto.state.kind === "conflict" ? auto.state : null;
  const titleError = auto.held.find((h) => h.field === "title")?.message;
  const judgmentsHeld = auto.held.find((h) => h.field === "keyJudgments")?.message;

  return (
    <div className="space-y-5">
      {/* The breadcrumb shows the title; the page still needs its own top-level heading. */}
      <h1 className="sr-only">
        Editing “<bdi>{content.title || "Untitled"}</bdi>”
      </h1>
      <div className="sticky top-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur">
        <nav aria-label="Breadcrumb" className="min-w-0 flex-1 truncate text-sm">
          <Link href="../" className="text-brand-700 hover:underline">
            Briefings
          </Link>
          <span aria-hidden className="mx-1 text-slate-400">
            /
          </span>
          <Link href={base} className="text-slate-700 hover:underline" dir="auto">
            {content.title || "Untitled"}
          </Link>
        </nav>
        <BriefingStatusBadge status={liveStatus} />
        <SaveStatus state={auto.state} onRetry={() => void auto.flush()} />
        <LiveStatusNote status={live} />
        <Button
          variant="secondary"
          size="sm"
          onClick={() => setPicker({ type: "body" })}
          aria-keyshortcuts="Control+K"
          title="Cite an event or source (Ctrl+K, or type [@ in the body)"
        >
          <Quote aria-hidden className="size-4" /> Cite…
        </Button>
        <Button variant="secondary" size="sm" busy={chronology.busy} onClick={() => void insertChronology()}>
          <ListOrdered aria-hidden className="size-4" /> Insert chronology
        </Button>
        <Button size="sm" onClick={() => void done()}>
          Done
        </Button>
      </div>

      {conflict && (
        <MergeView
          mine={content}
          theirs={conflict.theirs}
          message={conflict.message}
          onResolve={(merged) => auto.resolve(merged, conflict.theirs, conflict.theirsVersion)}
        />
      )}
      {backup && (
        <Notice className="flex flex-wrap items-center gap-3">
          <span>
            This browser kept text from <Timestamp at={new Date(backup.at)} /> that never reached the server.
          </span>
          <Button
            size="sm"
            onClick={() => {
              setBackup(null);
              // The body is not in the browser's copy's keeping any more: the live document holds it.
              const kept = { ...backup.content, body: initial.body };
              if (backup.baseVersion === initialVersion) setContent(kept);
              // Written on an older version: merge it with what is saved now instead of overwriting.
              else auto.resolve(kept, initial, initialVersion);
            }}
          >
            Restore it
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setBackup(null);
              window.localStorage.removeItem(`dossier:briefing-draft:${briefingId}`);
            }}
          >
            Discard
          </Button>
        </Notice>
      )}
      {chronology.error && <Notice tone="error">{chronology.error}</Notice>}
      {live.kind === "closed" && (
        <Notice tone="error">The body is read-only now: {live.reason} What you typed before this was saved.</Notice>
      )}

      <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <form aria-label="Briefing editor" className="min-w-0 space-y-5" onSubmit={(e) => e.preventDefault()}>
          <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
            <TextField
              label="Title"
              value={content.title}
              maxLength={LIMITS.title}
              onChange={(e) => set("title", e.target.value)}
              error={titleError}
              className="text-base font-medium"
            />
            <SelectField
              label="Handling marking"
              value={content.marking}
              onChange={(e) => set("marking", e.target.value as Marking)}
            >
              {MARKINGS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </SelectField>
          </div>
          <TextArea
            label="Summary"
            rows={4}
            value={content.summary}
            onChange={(e) => set("summary", e.target.value)}
            hint="Two or three sentences a busy reader can stop after. Markdown."
          />
          <KeyJudgmentsEditor
            value={content.keyJudgments}
            onChange={(v) => set("keyJudgments", v)}
            lookup={resolved.data}
            onAddSupport={(index) => setPicker({ type: "judgment", index })}
          />
          {judgmentsHeld && (
            <p role="alert" className="text-xs font-medium text-red-700">
              Key judgments are not saved yet: {judgmentsHeld}.
            </p>
          )}
          {me.data ? (
            <LiveBodyEditor
              ref={body}
              briefingId={briefingId}
              label="Body (Markdown)"
              me={{ id: me.data.id, name: me.data.name }}
              problems={problems}
              lookup={resolved.data}
              onRequestCite={(from) => setPicker({ type: "body", from })}
              onText={setLiveBody}
              onStatus={setLive}
              onSaved={() => setLiveStatus((s) => (s === "PUBLISHED" ? "DRAFT" : s))}
              describedBy={`${ids}-body-hint ${ids}-problems`}
              hint={
                <p id={`${ids}-body-hint`} className="text-xs text-slate-600">
                  Cite with <kbd className="rounded border border-slate-300 bg-white px-1">Ctrl</kbd>+
                  <kbd className="rounded border border-slate-300 bg-white px-1">K</kbd> or by typing{" "}
                  <code className="rounded bg-slate-100 px-1">[@</code>; citations become numbered footnotes. Co-authors
                  who open this briefing type here with you.
                </p>
              }
            />
          ) : (
            <p className="text-sm text-slate-500">Loading the body…</p>
          )}
          <ProblemList id={`${ids}-problems`} problems={problems} onReveal={(t) => body.current?.reveal(t)} />
        </form>

        <section aria-labelledby={`${ids}-preview`} className="min-w-0">
          <div
            className="sticky top-16 max-h-[calc(100vh-5rem)] overflow-auto rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
            data-testid="preview"
          >
            <div className="mb-4 flex items-center justify-between gap-2 border-b border-slate-100 pb-3">
              <h2 id={`${ids}-preview`} className="text-xs font-semibold uppercase tracking-wide text-slate-600">
                Preview
              </h2>
              <MarkingBadge marking={content.marking} />
            </div>
            <h3 className="mb-6 text-2xl font-semibold leading-tight text-slate-900" dir="auto">
              {content.title || "Untitled"}
            </h3>
            <BriefingReader
              content={previewContent}
              refs={refs}
              workspaceSlug={workspace.slug}
              anchorPrefix="preview-ref"
            />
          </div>
        </section>
      </div>

      {picker && (
        <CitationPicker
          workspaceId={workspace.id}
          kind="all"
          title={picker.type === "judgment" ? `Support key judgment ${picker.index + 1}` : "Cite an event or source"}
          onPick={onPick}
          onClose={closePicker}
        />
      )}
    </div>
  );
}

/** Whether the body is shared live with co-authors right now. */
function LiveStatusNote({ status }: { status: LiveStatus }) {
  return (
    <p className="flex items-center gap-1.5 text-sm text-slate-700" role="status" data-testid="live-status">
      {status.kind === "connecting" && (
        <>
          <Loader2 aria-hidden className="size-4 animate-spin" /> Connecting…
        </>
      )}
      {status.kind === "live" && (
        <>
          <Radio aria-hidden className="size-4 text-emerald-700" /> Live
          {status.others > 0 ? ` · ${status.others === 1 ? "1 co-author" : `${status.others} co-authors`} here` : ""}
        </>
      )}
      {status.kind === "offline" && (
        <span className="flex items-center gap-1.5 font-medium text-amber-900">
          <WifiOff aria-hidden className="size-4" /> Offline: keep typing, it merges when you reconnect
        </span>
      )}
      {status.kind === "closed" && <span className="font-medium text-red-700">Body read-only</span>}
    </p>
  );
}

function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const time = (d: Date) => d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return (
    <p
      role="status"
      aria-live="polite"
      className="flex items-center gap-1.5 text-sm text-slate-700"
      data-testid="save-status"
    >
      {state.kind === "saving" && (
        <>
          <Loader2 aria-hidden className="size-4 animate-spin" /> Saving…
        </>
      )}
      {state.kind === "saved" && (
        <>
          <Check aria-hidden className="size-4 text-emerald-700" />{" "}
          {state.at ? `Saved ${time(state.at)}` : "All changes saved"}
        </>
      )}
      {state.kind === "dirty" && <span className="text-slate-600">Unsaved changes</span>}
      {state.kind === "conflict" && (
        <span className="font-medium text-amber-900">Not saved: someone else saved first</span>
      )}
      {state.kind === "error" && (
        <span className="flex items-center gap-1.5 font-medium text-red-700">
          <CloudOff aria-hidden className="size-4" /> Not saved: {state.message}
          <button type="button" onClick={onRetry} className="underline">
            Retry
          </button>
        </span>
      )}
    </p>
  );
}
