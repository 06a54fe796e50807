import { existsSync } from "node:fs";

/**
 * The Chromium the tests drive. Debian packages the same browser two ways:
 * `chromium-headless-shell`, the engine without the browser's user interface
 * (the build Playwright itself runs for headless tests), and `chromium`, the
 * whole browser, which in headless mode still runs its UI process. Pages
 * render with the same Blink either way; the shell spends about a fifth less
 * CPU per test, which on two cores is a fifth of the end-to-end stage. The
 * whole browser is used when the shell is absent. `CHROMIUM_PATH` overrides both.
 */
export const HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
export const FULL_BROWSER = "/usr/bin/chromium";

export function testChromium(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_BROWSER;
}

/** What to tell someone whose machine has neither. */
export const CHROMIUM_MISSING =
  "Install one with `sudo apt-get install -y chromium-headless-shell` (or `chromium`) on Debian/Ubuntu, " +
  "or point CHROMIUM_PATH at a Chromium or Chrome binary.";
