import { TRPCClientError } from "@trpc/client";

/** A sentence to show a person, never a stack trace. */
export function errorMessage(err: unknown): string {
  if (err instanceof TRPCClientError) {
    const code = (err.data as { code?: string } | undefined)?.code;
    if (code === "UNAUTHORIZED") return "Your session has ended. Please sign in again.";
    if (code === "INTERNAL_SERVER_ERROR") return "Something went wrong on the server. Please try again.";
    return err.message;
  }
  if (err instanceof Error && /fetch|network/i.test(err.message))
    return "Could not reach the server. Check your connection.";
  return "Something went wrong. Please try again.";
}

export function fieldErrors(err: unknown): Record<string, string> {
  if (err instanceof TRPCClientError) {
    return (err.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors ?? {};
  }
  return {};
}

export function errorCode(err: unknown): string | undefined {
  return err instanceof TRPCClientError ? (err.data as { code?: string } | undefined)?.code : undefined;
}
