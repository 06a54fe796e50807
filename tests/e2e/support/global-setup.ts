import { rm } from "node:fs/promises";
import { AXE_CHECKED_DIR } from "./a11y";

/** Before each run: forget the screens the last run checked for accessibility, so every run checks each once. */
export default async function globalSetup() {
  await rm(AXE_CHECKED_DIR, { recursive: true, force: true });
}
