import { withDatabase } from "./with-database.ts";

/** `npm run db:seed [-- --reset]`: (re)creates the demo workspace and accounts. */
const reset = process.argv.includes("--reset");
try {
  await withDatabase(async () => {
    const { seedDemo } = await import("../../prisma/seed.ts");
    await seedDemo({ reset, log: (l) => console.log(l) });
  });
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
