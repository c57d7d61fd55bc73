import {defineConfig} from "vitest/config";
import LongestFirst from "./test/support/longestFirst.js";

// Two groups, one after the other. The unit tests run on two workers (this machine's cores): most of them in one module
// graph per worker (isolate: false; 73 s → 55 s for the group, most of it TF.js, jsdom and our modules imported once
// per worker instead of once per file), and engine/'s apart, each file in its own, since they register TF.js backends
// (webgpu's among them) whose state would carry from file to file. Then the browser and
// build tests (test/site/) run four files at a time: each spends much of its time waiting on Chromium, a page or a
// server, so more files than cores fill the idle time (on a clean clone, three: 291 s; four: 282 s). Site builds share
// Framework's cache, so they take turns (withBuildLock in scripts/lib/buildSite.ts), and each distinct site is built
// once for all files.
// `npm run test:fast` runs the unit group alone.
export default defineConfig({
  // Framework's standard library exists only in a page; the page modules' tests get a stand-in.
  resolve: {alias: {"observablehq:stdlib": new URL("test/support/observablehqStdlib.ts", import.meta.url).pathname}},
  test: {
    // Writes the format fixtures into test/fixtures/ (not committed: see test/support/formatFixtures.ts).
    globalSetup: ["test/support/globalSetup.ts"],
    // Site files start longest first, so that none runs alone at the end (test/support/longestFirst.ts).
    sequence: {sequencer: LongestFirst},
    testTimeout: 60_000,
    hookTimeout: 600_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*-test.ts"],
          exclude: ["test/site/**", "test/engine/**"],
          isolate: false,
          maxWorkers: 2,
          sequence: {groupOrder: 0}
        }
      },
      {
        extends: true,
        test: {
          name: "engine",
          include: ["test/engine/**/*-test.ts"],
          maxWorkers: 2,
          sequence: {groupOrder: 0}
        }
      },
      {
        extends: true,
        test: {
          name: "site",
          include: ["test/site/**/*-test.ts"],
          // One module graph per worker, as for the unit tests: each file imported Playwright, the build scripts and
          // their dependencies again (on a clean clone, vitest's "import" time 66 s → 41 s, the run 320 s → 297 s).
          // The one file that trains with TF.js in Node runs apart, isolated (site-tf).
          exclude: ["test/site/fit-browser-test.ts"],
          isolate: false,
          // Builds the sites the browser tests share while the unit tests run.
          globalSetup: ["test/support/prebuildSites.ts"],
          // expect.poll waits for a page to show what it must. Its default, 1 s, is a page's work on an idle machine,
          // not with four files keeping both cores busy: a histogram drawn 30–40 ms after the page is loaded here
          // (measured idle) was not drawn within 1 s once in CI, and two notes that wait on IndexedDB did the
          // same. A poll still passes only when its assertion holds. Each try reads the page through Playwright, about
          // 3 ms of CPU in Chromium and Node (500 reads: 1.4 s), so polling every 200 ms, not every 50 (vitest's
          // default), leaves the cores to the pages under test; a poll that must catch a passing state sets its own.
          expect: {poll: {timeout: 10_000, interval: 200}},
          maxWorkers: 4,
          sequence: {groupOrder: 1}
        }
      },
      {
        extends: true,
        test: {
          name: "site-tf",
          include: ["test/site/fit-browser-test.ts"],
          // The same pool as the other browser files (vitest wants one per group).
          maxWorkers: 4,
          sequence: {groupOrder: 1}
        }
      }
    ]
  }
});
