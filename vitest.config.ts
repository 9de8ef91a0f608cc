import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Network-namespace and terraform tests are heavy; two cores run them best one file per worker.
    maxWorkers: 2,
  },
});
