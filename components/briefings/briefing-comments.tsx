"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { CommentText, MentionTextarea } from "./mention-textarea";
import { Timestamp } from "../ui/timestamp";

export function BriefingComments({
  briefingId,
  workspaceId,
  canComment,
}: {
  briefingId: string;
  workspaceId: string;
  canComment: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const comments = useInfiniteQuery(
    trpc.briefing.comments.infiniteQueryOptions({ id: briefingId }, { getNextPageParam: (l) => l.nextCursor }),
  );
  const refresh = () => queryClient.invalidateQueries(trpc.briefing.comments.pathFilter());
  // The comment to bring into view once it is loaded: one a link names (#comment-<id>, focused and marked),
  // or one just posted (shown, the focus stays in the box).
  const [wanted, setWanted] = useState<{ id: string; fromLink: boolean } | null>(null);
  const add = useMutation(
    trpc.briefing.comment.mutationOptions({
      onSuccess: async (posted) => {
        setBody("");
        setWanted({ id: posted.id, fromLink: false });
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.briefing.deleteComment.mutationOptions({ onSuccess: refresh }));
  const items = comments.data?.pages.flatMap((p) => p.items) ?? [];
  const bodyError = fieldErrors(add.error).body;
  // A notification's link names one comment; the list loads after the page, so it is brought into view here.
  const [linked, setLinked] = useState<string | null>(null);
  useEffect(() => {
    const read = () => {
      const id = /^#comment-(.+)$/.exec(window.location.hash)?.[1];
      if (id) setWanted({ id, fromLink: true });
    };
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  const loaded = items.length;
  const { hasNextPage, isFetching, fetchNextPage } = comments;
  useEffect(() => {
    if (!wanted || isFetching) return;
    const el = document.getElementById(`comment-${wanted.id}`);
    // Comments come oldest first, so a recent one may lie pages further: load on until it is there.
    if (!el) {
      if (hasNextPage) void fetchNextPage();
      else setWanted(null); // deleted meanwhile: nothing to show
      return;
    }
    el.scrollIntoView({ block: wanted.fromLink ? "center" : "nearest" });
    if (wanted.fromLink) {
      setLinked(wanted.id);
      el.focus({ preventScroll: true });
    }
    setWanted(null);
  }, [wanted, loaded, hasNextPage, isFetching, fetchNextPage]);

  return (
    <section aria-labelledby="comments-heading" className="space-y-4">
      <h2 id="comments-heading" className="text-lg font-semibold">
        Comments
      </h2>
      {comments.error && <Notice tone="error">{errorMessage(comments.error)}</Notice>}
      {comments.isSuccess && items.length === 0 && <p className="text-sm text-slate-500">No comments yet.</p>}
      {items.length > 0 && (
        <ul className="space-y-3" aria-label="Comments">
          {items.map((c) => (
            <li
              key={c.id}
              id={`comment-${c.id}`}
              tabIndex={-1}
              aria-current={linked === c.id ? "true" : undefined}
              className={`rounded-md border bg-white p-3 shadow-sm focus:outline-none ${linked === c.id ? "border-brand-600 ring-2 ring-brand-600/30" : "border-slate-200"}`}
            >
              <div className="mb-1 flex items-center gap-2 text-xs text-slate-600">
                <span className="font-semibold text-slate-800">{c.author.name}</span>
                <Timestamp at={c.createdAt} />
                {c.canDelete && (
                  <button
                    type="button"
                    className="ms-auto rounded text-slate-600 underline hover:text-red-700"
                    onClick={() => {
                      if (window.confirm("Delete this comment?")) remove.mutate({ id: c.id });
                    }}
                  >
                    Delete
                  </button>
                )}
              </div>
              <CommentText text={c.body} />
            </li>
          ))}
        </ul>
      )}
      {comments.hasNextPage && (
        <Button
          variant="secondary"
          size="sm"
          busy={comments.isFetchingNextPage}
          onClick={() => void comments.fetchNextPage()}
        >
          Load more comments
        </Button>
      )}
      {remove.error && <Notice tone="error">{errorMessage(remove.error)}</Notice>}
      {canComment && (
        <form
          aria-label="New comment"
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ briefingId, body });
          }}
        >
          <MentionTextarea
            workspaceId={workspaceId}
            value={body}
            onChange={setBody}
            label="Add a comment"
            error={bodyError}
          />
          {add.error && !bodyError && <Notice tone="error">{errorMessage(add.error)}</Notice>}
          <Button type="submit" size="sm" busy={add.isPending} disabled={!body.trim()}>
            Comment
          </Button>
        </form>
      )}
    </section>
  );
}
