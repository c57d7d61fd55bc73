import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {bundleModules} from "./bundleModules.js";

/**
 * What every build adds to Framework's output folder `dir`: each page's modules bundled into a few files
 * (bundleModules), and an empty `.nojekyll`, so that GitHub Pages, when it publishes a folder from a branch, serves
 * the files as they are instead of running Jekyll, which drops every path that starts with an underscore
 * (Framework's `_observablehq/`, `_import/`, `_file/`, `_node/`, and `_bundle/`).
 */
export async function finishBuild(dir: string): Promise<void> {
  await bundleModules(dir);
  writeFileSync(join(dir, ".nojekyll"), "");
}
