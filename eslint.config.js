// Lint the TypeScript sources; AssemblyScript kernels use their own type names and are checked by asc.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "_site/**", "core/assembly/**", "core/build/**", ".cache/**", "test/artifacts/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
