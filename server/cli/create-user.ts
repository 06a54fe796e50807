import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { z } from "zod";
import { displayNameSchema, emailSchema, passwordSchema } from "../schemas/auth.ts";
import { withDatabase } from "./with-database.ts";

/**
 * `npm run user:create -- --email … --name … [--admin] [--workspace "Name"]`
 * Creates an account for a production install. With --admin the account also
 * gets a first workspace (named by --workspace) that it administers. The
 * password comes from DOSSIER_PASSWORD or is asked for on the terminal.
 */
const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    admin: { type: "boolean", default: false },
    workspace: { type: "string" },
  },
});

const args = z
  .object({ email: emailSchema, name: displayNameSchema, workspace: z.string().trim().min(2).max(120).optional() })
  .safeParse(values);
if (!args.success) {
  console.error(
    'Usage: npm run user:create -- --email you@example.org --name "Your Name" [--admin] [--workspace "Team"]',
  );
  for (const i of args.error.issues) console.error(`  --${i.path.join(".")}: ${i.message}`);
  process.exit(1);
}

async function readPassword(): Promise<string> {
  if (process.env.DOSSIER_PASSWORD) return process.env.DOSSIER_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const pw = await rl.question("Password (at least 10 characters): ");
  rl.close();
  return pw;
}

const password = passwordSchema.safeParse(await readPassword());
if (!password.success) {
  console.error(`Password: ${password.error.issues[0]?.message}`);
  process.exit(1);
}

try {
  await withDatabase(async () => {
    const { createUserWithPassword } = await import("../services/auth/index.ts");
    const { createWorkspace } = await import("../services/workspace/index.ts");
    const user = await createUserWithPassword({
      email: args.data.email,
      name: args.data.name,
      password: password.data,
    });
    console.log(`Created ${args.data.email}.`);
    if (values.admin) {
      const ws = await createWorkspace(
        { userId: user.id },
        { name: args.data.workspace ?? `${args.data.name}'s workspace`, description: "" },
      );
      console.log(`${args.data.email} is the admin of the workspace "${ws.name}" (/w/${ws.slug}).`);
    }
  });
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
