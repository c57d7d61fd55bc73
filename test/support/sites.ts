import {rmSync} from "node:fs";
import {join} from "node:path";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";

/**
 * The sites the browser tests share, each built once a run (buildSite's cache): test files that can use one of these
 * do, so that a run builds few sites, and the site project's global setup (prebuildSites.ts) builds them first.
 */
export const SITES = {
  /** The small synthetic dataset most browser tests use. */
  small: () => buildSite(SMALL),
  /** Big enough that a run has many batches, small enough to train in seconds on wasm (train-test). */
  train: () => buildSite({seed: 11, users: 600, movies: 500, ratings: 40_000}),
  /**
   * A publish build (`npm run build:publish`) of a stand-in for the real dataset: synthetic files without
   * SYNTHETIC.json read as MovieLens, so the build withholds them.
   */
  publish: () =>
    buildSite({seed: 3, users: 200, movies: 300, ratings: 8_000}, {WORKBOOK_PUBLISH: "1"}, (dir) =>
      rmSync(join(dir, "SYNTHETIC.json"))
    )
};
