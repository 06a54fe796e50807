/**
 * A download written as it is produced: the next chunk is asked for only when
 * the response has taken the previous ones (a pull stream, so a slow client
 * slows the database reads instead of filling the server's memory), and the
 * reads stop when the client goes away.
 *
 * Once the status line is sent an error can no longer become a 4xx or 5xx.
 * It then aborts the response instead of ending it: the client sees a failed,
 * truncated transfer (no final chunk), never a file that looks complete.
 *
 * Each download has exactly one outcome, reported once: it ended (with the
 * number of chunks sent), it failed, or the client went away. A client that
 * leaves while a chunk is being produced has gone away, whatever that chunk
 * then does: it is dropped, neither enqueued into the closed stream nor
 * reported as a failure.
 */
export type StreamOutcomes = {
  onError: (err: unknown) => void;
  onEnd?: (chunks: number) => void;
  onCancel?: () => void;
};

export function streamBody(
  chunks: AsyncIterable<string | Uint8Array>,
  { onError, onEnd, onCancel }: StreamOutcomes,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = chunks[Symbol.asyncIterator]();
  let cancelled = false;
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            const { done, value } = await it.next();
            if (cancelled) return;
            if (done) {
              controller.close();
              onEnd?.(sent);
              return;
            }
            const bytes = typeof value === "string" ? encoder.encode(value) : value;
            if (bytes.byteLength === 0) continue;
            controller.enqueue(bytes);
            sent++;
            return;
          }
        } catch (err) {
          if (cancelled) return;
          onError(err);
          controller.error(err);
        }
      },
      async cancel() {
        cancelled = true;
        try {
          await it.return?.();
        } finally {
          onCancel?.();
        }
      },
    },
    // One chunk queued ahead at most: memory stays at a page or two of rows.
    { highWaterMark: 1 },
  );
}
