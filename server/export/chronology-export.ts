import type { ExportEventsInput } from "../schemas/event.ts";
import { slugify } from "../schemas/slug.ts";
import { CSV_HEAD, rowsCsv } from "./csv-export.ts";
import { CONTENT_TYPES } from "./export-file.ts";
import { arrayOf, prettyJsonChunks } from "./json-stream.ts";
import type { ChronologyExport } from "../services/event/index.ts";

/**
 * A workspace's chronology as CSV (the columns of a briefing's CSV) or JSON
 * (the event and source objects of a briefing's JSON), written page by page
 * as the service reads them.
 */
export function chronologyFile(
  format: ExportEventsInput["format"],
  exp: ChronologyExport,
  filters: Record<string, string | undefined>,
): { body: AsyncIterable<string>; contentType: string; fileName: string } {
  const fileName = `${slugify(exp.workspace.name, "workspace")}-chronology-${exp.exportedAt.slice(0, 10)}.${format}`;
  return { body: format === "csv" ? csv(exp) : json(exp, filters), contentType: CONTENT_TYPES[format], fileName };
}

async function* csv(exp: ChronologyExport): AsyncGenerator<string> {
  yield CSV_HEAD;
  for await (const page of exp.events()) yield rowsCsv(page.events, new Map(page.sources.map((s) => [s.id, s])));
}

async function* json(exp: ChronologyExport, filters: Record<string, string | undefined>): AsyncGenerator<string> {
  yield* prettyJsonChunks({
    workspace: { id: exp.workspace.id, name: exp.workspace.name, exportedAt: exp.exportedAt, filters },
    events: arrayOf(
      (async function* () {
        for await (const page of exp.events()) yield page.events;
      })(),
    ),
    sources: arrayOf(exp.sources()),
  });
  yield "\n";
}
