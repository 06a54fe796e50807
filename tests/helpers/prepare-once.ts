/**
 * One app instance's start-up database work, as a separate process: used by
 * tests/integration/startup.test.ts to start two instances at the same moment
 * against one database. Reads DATABASE_URL; prints the result as JSON on the
 * last line of stdout.
 */
import { closeDb } from "../../server/db/client.ts";
import { seedDemo } from "../../prisma/seed.ts";
import { prepareDatabase } from "../../server/db/prepare.ts";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");

try {
  const result = await prepareDatabase({ url, seedIfEmpty: ({ db }) => seedDemo({ db }) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await closeDb();
}
