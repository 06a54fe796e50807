import { z } from "zod";

export const idSchema = z.string().trim().min(1, "Missing id").max(64, "Invalid id");

export const workspaceScopedSchema = z.object({ workspaceId: idSchema });

/** Cursor pagination shared by every list. */
export const pageSchema = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});

export type Page<T> = { items: T[]; nextCursor: string | null };
