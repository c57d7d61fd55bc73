import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {bundleModules} from "./bundleModules.js";
import {isolatePages} from "./isolatePages.js";

/**
 * What every build adds to Framework's output folder `dir`: each page's modules bundled into a few files
 * (bundleModules), and an empty `.nojekyll`, so that GitHub Pages, when it publishes a folder from a branch, serves
 * the files as they are instead of running Jekyll, which drops every path that starts with an underscore
 * (Framework's `_observablehq/`, `_import/`, `_file/`, `_node/`, and `_bundle/`); and the service worker that makes
 * the pages cross-origin isolated on hosts that send no headers (isolatePages).
 */
export async function finishBuild(dir: string): Promise<void> {
  await bundleModules(dir);
  isolatePages(dir);
  writeFileSync(join(dir, ".nojekyll"), "");
}
