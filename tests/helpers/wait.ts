type WaitOptions = {
  /** What is awaited, for the timeout's message (a function to add what is known only then, such as logs). */
  waitingFor?: string | (() => string);
  /** Pause between two reads. */
  everyMs?: number;
};

/** Reads `what` every 50 ms until `ok` accepts it, and returns it; the timeout only bounds a hang. */
export async function until<T>(
  what: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 300_000,
  { waitingFor, everyMs = 50 }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (ok(v)) return v;
    if (Date.now() > deadline) {
      const awaited = typeof waitingFor === "function" ? waitingFor() : waitingFor;
      throw new Error(
        awaited
          ? `Timed out after ${timeoutMs} ms waiting for ${awaited}`
          : `timed out waiting; last: ${JSON.stringify(v)}`,
      );
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits until `check` holds, for state the test holds in memory (a document, a list of answers); polled every 25 ms. */
export async function waitUntil(check: () => boolean, waitingFor: WaitOptions["waitingFor"], timeoutMs = 30_000) {
  await until(async () => check(), Boolean, timeoutMs, { waitingFor, everyMs: 25 });
}
