import {defineConfig} from "vitest/config";

// Two projects: the unit tests run in parallel, then the browser and build tests (test/site/) run one file at a time,
// since each drives Chromium or a build, which on two cores want the machine to themselves.
// `npm run test:fast` runs the unit project alone.
export default defineConfig({
  test: {
    // Writes the format fixtures into test/fixtures/ (not committed: see test/support/formatFixtures.ts).
    globalSetup: ["test/support/globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*-test.ts"],
          exclude: ["test/site/**"],
          maxWorkers: 2,
          sequence: {groupOrder: 0}
        }
      },
      {
        extends: true,
        test: {name: "site", include: ["test/site/**/*-test.ts"], maxWorkers: 2, sequence: {groupOrder: 1}}
      }
    ]
  }
});
