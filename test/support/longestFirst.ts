// The order the test files start in: on a clean clone vitest has no timings of earlier runs and starts the largest
// files first, so a short file that runs long (offline-test's two cold builds, the accessibility pass over every
// page) started last and ran alone at the end, on a machine whose two cores were otherwise idle. This sequencer starts
// the site files by their measured duration instead, longest first (seconds, from a clean-clone run; a file not listed
// counts as SITE_DEFAULT), and keeps vitest's own order for the rest.
import {BaseSequencer} from "vitest/node";
import type {TestSpecification} from "vitest/node";

/** Seconds each site file took in a clean-clone run of `.ci/run` (2 cores), rounded. */
export const SITE_SECONDS: Record<string, number> = {
  "test/site/offline-test.ts": 120,
  "test/site/filters-browser-test.ts": 110,
  "test/site/personal-pages-test.ts": 100,
  "test/site/train-test.ts": 100,
  "test/site/storage-browser-test.ts": 90,
  "test/site/myRatings-browser-test.ts": 85,
  "test/site/accessibility-browser-test.ts": 75,
  "test/site/checkpoints-browser-test.ts": 70,
  "test/site/leaveEarly-browser-test.ts": 60,
  "test/site/publish-browser-test.ts": 55,
  "test/site/repeatedActions-browser-test.ts": 55,
  "test/site/legibility-browser-test.ts": 50,
  "test/site/links-browser-test.ts": 50
};

/** What a site file not in SITE_SECONDS counts as. */
export const SITE_DEFAULT = 40;

export default class LongestFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const seconds = (spec: TestSpecification) => {
      const path = spec.moduleId.slice(spec.project.config.root.length + 1);
      return spec.project.name === "site" ? (SITE_SECONDS[path] ?? SITE_DEFAULT) : 0;
    };
    // A stable sort within the site project only: the projects keep their order (vitest runs them in turn).
    const site = sorted.filter((spec) => spec.project.name === "site").sort((a, b) => seconds(b) - seconds(a));
    return [...sorted.filter((spec) => spec.project.name !== "site"), ...site];
  }
}
