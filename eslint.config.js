// ESLint's flat config: the recommended JavaScript and typescript-eslint rules, as Observable Framework's own lint runs
// them, with what this codebase relies on allowed. Formatting is prettier's (.prettierrc.json), not ESLint's.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {ignores: ["node_modules/", "dist/", "data/", "scratch/", "src/.observablehq/", "test/fixtures/", "bench/gpu/out/"]},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {ecmaVersion: 2022, sourceType: "module"},
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", {fixStyle: "separate-type-imports"}],
      "@typescript-eslint/no-unused-vars": [
        "error",
        {argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none"}
      ],
      // `ready && start()` and `ok ? a() : b()` as statements are this codebase's idiom.
      "@typescript-eslint/no-unused-expressions": ["error", {allowShortCircuit: true, allowTernary: true}],
      // Tests check that text holds no NUL or other control characters, which takes a control character in a regex.
      "no-control-regex": "off",
      "no-constant-condition": ["error", {checkLoops: false}],
      // Every line stays within prettier's printWidth, prose strings and template literals included; prettier
      // does not break those, so the linter holds them to it.
      "max-len": ["error", {code: 120, tabWidth: 2, ignoreUrls: true}]
    }
  },
  {files: ["**/*.mjs"], languageOptions: {globals: {process: "readonly", console: "readonly", URL: "readonly"}}}
);
