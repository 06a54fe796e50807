/**
 * A download written as it is produced: the next chunk is asked for only when
 * the response has taken the previous ones (a pull stream, so a slow client
 * slows the database reads instead of filling the server's memory), and the
 * reads stop when the client goes away.
 *
 * Once the status line is sent an error can no longer become a 4xx or 5xx.
 * It then aborts the response instead of ending it: the client sees a failed,
 * truncated transfer (no final chunk), never a file that looks complete.
 */
export function streamBody(
  chunks: AsyncIterable<string | Uint8Array>,
  onError: (err: unknown) => void,
  /** The client went away before the end, whatever the chunks did after that. */
  onCancel: () => void = () => {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = chunks[Symbol.asyncIterator]();
  // The client may leave while a chunk is being produced: that chunk is then dropped, and neither
  // enqueued into a closed stream nor reported as a failure of the export.
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            const { done, value } = await it.next();
            if (cancelled) return;
            if (done) {
              controller.close();
              return;
            }
            const bytes = typeof value === "string" ? encoder.encode(value) : value;
            if (bytes.byteLength === 0) continue;
            controller.enqueue(bytes);
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
          onCancel();
        }
      },
    },
    // One chunk queued ahead at most: memory stays at a page or two of rows.
    { highWaterMark: 1 },
  );
}
