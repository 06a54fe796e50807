import { migrate } from "../db/migrate.ts";

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL. */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (`npm start` migrates its embedded database by itself.)");
  process.exit(1);
}
try {
  const { applied } = await migrate(url, { log: (l) => console.log(l) });
  console.log(applied.length ? `${applied.length} migration(s) applied.` : "Database schema is up to date.");
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
