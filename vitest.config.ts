import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*-test.ts"],
    // Writes the format fixtures into test/fixtures/ (not committed: see test/support/formatFixtures.ts).
    globalSetup: ["test/support/globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // Two cores: browser and build tests are heavy, so files run one at a time.
    fileParallelism: false
  }
});
