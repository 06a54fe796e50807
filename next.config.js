import { nextConfigHeaders } from "./server/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and driver packages stay outside the server bundle.
  serverExternalPackages: [
    "@node-rs/argon2",
    "pg",
    "pg-boss",
    "pino",
    "rate-limiter-flexible",
    "@myriaddreamin/typst-ts-node-compiler",
    "@resvg/resvg-js",
  ],
  // The build checks the app; tests are checked by `npm run typecheck`. `npm test` sets DOSSIER_TYPES_CHECKED=1
  // for the build of its end-to-end stage: its typecheck stage has already checked the whole repository with
  // Next's route types (`next typegen`, then `tsc --noEmit`), so a second pass would only cost a minute.
  typescript: { ignoreBuildErrors: process.env.DOSSIER_TYPES_CHECKED === "1", tsconfigPath: "tsconfig.build.json" },
  // The same headers on every route and static file; each page's policy (with its nonce) comes from proxy.ts.
  async headers() {
    return nextConfigHeaders();
  },
};

export default nextConfig;
