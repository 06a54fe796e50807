import type { z } from "zod";

/**
 * Checks a form's value with the same zod schema the server uses and returns
 * the first message for each top-level field ({} when valid), so forms show
 * the server's wording before anything is sent.
 */
export function validate(schema: z.ZodType, value: unknown): Record<string, string> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}
