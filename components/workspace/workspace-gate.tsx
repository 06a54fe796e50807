"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorCode, errorMessage } from "../errors";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { useWorkspace } from "./use-workspace";

/** Renders its children once the workspace has loaded; explains missing access in words. */
export function WorkspaceGate({ children }: { children: (ws: WorkspaceOverview) => ReactNode }) {
  const ws = useWorkspace();
  if (ws.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (ws.error) {
    if (errorCode(ws.error) === "NOT_FOUND") {
      return (
        <EmptyState
          title="Workspace not found"
          action={
            <Link className="text-sm font-medium text-brand-700 underline" href="/workspaces">
              Back to your workspaces
            </Link>
          }
        >
          It does not exist, or you are not a member of it.
        </EmptyState>
      );
    }
    return <Notice tone="error">{errorMessage(ws.error)}</Notice>;
  }
  return <>{children(ws.data)}</>;
}
