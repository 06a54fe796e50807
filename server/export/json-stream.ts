/**
 * JSON written piece by piece, byte for byte what `JSON.stringify(value, null, 2)`
 * gives for the whole object, so a large array (a chronology's events) can be
 * sent as it is read instead of being held in memory. The top level is an
 * object; each of its values is either plain data or an `arrayOf(...)` whose
 * items arrive in batches.
 */

const ARRAY = Symbol("streamed array");
type StreamedArray = { [ARRAY]: AsyncIterable<unknown[]> | Iterable<unknown[]> };

/** A top-level value given as batches of items, in order. */
export function arrayOf(batches: AsyncIterable<unknown[]> | Iterable<unknown[]>): StreamedArray {
  return { [ARRAY]: batches };
}

const isStreamed = (v: unknown): v is StreamedArray => typeof v === "object" && v !== null && ARRAY in v;

/** `JSON.stringify(v, null, 2)` as it would appear `depth` levels deep: every line after the first indented. */
function nested(v: unknown, depth: number): string {
  const text = JSON.stringify(v, null, 2) ?? "null";
  // JSON escapes line breaks inside strings, so every "\n" here is between tokens.
  return text.replaceAll("\n", `\n${"  ".repeat(depth)}`);
}

export async function* prettyJsonChunks(entries: Record<string, unknown>): AsyncGenerator<string> {
  // JSON.stringify leaves out keys whose value is undefined (or a function).
  const keys = Object.keys(entries).filter((k) => entries[k] !== undefined && typeof entries[k] !== "function");
  if (keys.length === 0) {
    yield "{}";
    return;
  }
  yield "{";
  for (const [n, key] of keys.entries()) {
    const value = entries[key];
    const lead = `${n === 0 ? "" : ","}\n  ${JSON.stringify(key)}: `;
    if (!isStreamed(value)) {
      yield lead + nested(value, 1);
      continue;
    }
    let count = 0;
    for await (const batch of value[ARRAY]) {
      if (batch.length === 0) continue;
      const items = batch.map((item: unknown) => `\n    ${nested(item === undefined ? null : item, 2)}`).join(",");
      yield `${count === 0 ? `${lead}[` : ","}${items}`;
      count += batch.length;
    }
    yield count === 0 ? `${lead}[]` : "\n  ]";
  }
  yield "\n}";
}
