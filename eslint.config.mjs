import medusa from "@medusajs/eslint-plugin"
import tseslint from "typescript-eslint"
import globals from "globals"

export default [
  // Medusa's conventions for routes, modules, subscribers, workflows and admin.
  ...medusa.configs.recommended,
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ["**/*.{ts,tsx}"] })),
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
  {
    // Tooling run from the command line, outside Medusa's request handling.
    files: ["scripts/**", "bench/**", "storefront-snippet/**", "integration-tests/store/**", "integration-tests/demo/**", "demo/lib/**"],
    rules: { "@medusajs/use-medusa-error-not-generic-error": "off" },
  },
  { ignores: [".demo/**", "bench/**/results/**", "storefront-snippet/dist/**", "src/api/attribution/script.js/snippet-source.ts"] },
]
