import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/**
 * Layering rules from the architecture guide, enforced rather than hoped for:
 * routers never touch Prisma, services never touch the transport, the browser
 * side imports from server/ only schemas, policy and types.
 */
const prismaImports = ["**/db/client", "**/db/client.ts", "**/db/generated/**", "@prisma/*"];
const noTests = { group: ["**/tests/**"], message: "Nothing imports tests except the seed." };
/** A file of services/<noun>/ other than its index, named from a sibling noun folder. */
const otherNounInternals = "^\\.\\./[a-z-]+/(?!index(\\.ts)?$)[^/]+$";
/** A file of services/<noun>/ other than its index, named from anywhere else. */
const nounInternals = "services/[a-z-]+/(?!index(\\.ts)?$)[^/]+$";

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "server/db/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**", "server/**", "components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noTests] }] },
  },
  {
    // Everything outside services/ reaches a noun through its index as well.
    files: ["server/**", "app/**"],
    ignores: ["server/services/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [noTests, { regex: nounInternals, message: "A service is reached through its noun's index.ts." }],
        },
      ],
    },
  },
  {
    files: ["server/routers/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noTests,
            { group: prismaImports, message: "Routers call services; they never use Prisma." },
            { regex: nounInternals, message: "A service is reached through its noun's index.ts." },
          ],
        },
      ],
    },
  },
  {
    files: ["server/services/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noTests,
            {
              group: ["@trpc/*", "next", "next/*", "next-auth", "next-auth/*"],
              message: "Services are transport-independent.",
            },
            { regex: otherNounInternals, message: "Another noun's service is reached through its index.ts." },
          ],
        },
      ],
    },
  },
  {
    files: ["server/lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noTests,
            {
              group: [...prismaImports, "**/services/**", "@trpc/*", "next", "next/*", "next-auth", "next-auth/*"],
              message: "server/lib holds pure helpers: no database, services or transport.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/schemas/**", "server/policy.ts", "server/errors.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noTests,
            { regex: "^(?!zod$|\\.{1,2}/)", message: "Schemas, policy and errors import only zod and each other." },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**", "app/**/*.tsx"],
    ignores: ["app/**/page.tsx", "app/**/layout.tsx", "app/**/route.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // server/lib/timeline/ is pure drawing code: the app and the server's SVG/PDF draw with the same file.
              regex: "^@/server/(?!schemas/|policy$|root$|lib/timeline/)",
              message: "Client code imports from server/ only schemas, policy, types and the pure timeline drawing.",
            },
            {
              regex: "^@/server/root$",
              allowTypeImports: true,
              message: "Only `import type` from the router in client code: components are typed from RouterOutputs.",
            },
          ],
        },
      ],
    },
  },
);
