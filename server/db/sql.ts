import { pool } from "./client.ts";

/**
 * Plain parameterised SQL on the pool, for the few statements on the hottest
 * paths (every request's session check, casting a vote): Prisma's raw queries
 * cost several times the CPU of the query itself in the web server. Values
 * always travel as bind parameters ($1, $2 …); only fragments made with
 * `identifier` are spliced into the text, and those are fixed by the code.
 */
const FRAGMENT = Symbol("sql fragment");
type Fragment = { [FRAGMENT]: string };

/** A piece of SQL text chosen by the code (a column name), never by input. */
export function fragment(text: '"entityId"' | '"eventId"'): Fragment {
  return { [FRAGMENT]: text };
}

export type Statement = { text: string; values: unknown[] };

export function sql(strings: TemplateStringsArray, ...values: (unknown | Fragment)[]): Statement {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((v, i) => {
    if (v !== null && typeof v === "object" && FRAGMENT in v) text += (v as Fragment)[FRAGMENT];
    else {
      params.push(v);
      text += `$${params.length}`;
    }
    text += strings[i + 1]!;
  });
  return { text, values: params };
}

export async function query<T>(statement: Statement): Promise<T[]> {
  return (await pool().query(statement.text, statement.values)).rows as T[];
}
