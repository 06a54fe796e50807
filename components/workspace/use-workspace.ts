"use client";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "next/navigation";
import { useTRPC } from "../trpc";

/** The workspace named in the URL, with the caller's role in it (always from the server). */
export function useWorkspace() {
  const trpc = useTRPC();
  const { workspace: slug } = useParams<{ workspace: string }>();
  return useQuery(trpc.workspace.bySlug.queryOptions({ slug }));
}
