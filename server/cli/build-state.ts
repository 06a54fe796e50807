import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Whether the app's production build (.next) is newer than every source it is
 * built from. `npm start` builds when it is not; `npm test` builds once before
 * the stages that start the app (integration and end-to-end), so no test pays
 * for it and no two tests build at once.
 */
const SOURCE_PATHS = [
  "app",
  "server",
  "components",
  "prisma/schema.prisma",
  "next.config.js",
  "proxy.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
  "tsconfig.build.json",
];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === "node_modules" || entry === "cli") continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

export function buildIsCurrent(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return SOURCE_PATHS.every((p) => newestMtime(path.join(root, p)) <= built);
}
