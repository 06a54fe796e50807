import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          sequence: { groupOrder: 0 },
          // Dates are stored in UTC: a zone with a half-hour offset catches code that leans on the machine's zone.
          env: { TZ: process.env.TZ || "Asia/Tehran" },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          sequence: { groupOrder: 1 },
          env: { TZ: process.env.TZ || "Asia/Tehran" },
          globalSetup: ["tests/helpers/global-setup.ts"],
          setupFiles: ["tests/helpers/database-per-file.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two cores: two workers, each test file on its own database.
          maxWorkers: 2,
        },
      },
    ],
  },
});
