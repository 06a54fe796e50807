import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI insists on a native schema-engine path before `generate`, even
// though generation itself runs in WebAssembly. Machines that cannot download
// the engine point it at any existing file; a real engine set by the
// environment always wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("package.json");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/dossier" },
});
