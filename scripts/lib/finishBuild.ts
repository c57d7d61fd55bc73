import {writeFileSync} from "node:fs";
import {join} from "node:path";

/**
 * What every build adds to Framework's output folder `dir`: an empty `.nojekyll`, so that GitHub Pages, when it
 * publishes a folder from a branch, serves the files as they are instead of running Jekyll, which drops every path
 * that starts with an underscore (Framework's `_observablehq/`, `_import/`, `_file/`, `_node/`).
 */
export function finishBuild(dir: string): void {
  writeFileSync(join(dir, ".nojekyll"), "");
}
