// Runs before `observable preview` and `observable build`: resolves the dataset (generating the synthetic one on first
// use) and clears cached loader output when the dataset changed, because Framework reuses stale loader caches.
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {ROOT, datasetStamp, resolveDataset} from "../src/data/dataset.js";

const CACHE = join(ROOT, "src/.observablehq/cache");
const STAMP = join(CACHE, "dataset-stamp.json");

try {
  const dataset = await resolveDataset({log: (message) => console.error(message)});
  const stamp = datasetStamp(dataset);
  const previous = existsSync(STAMP) ? readFileSync(STAMP, "utf-8") : null;
  if (previous !== stamp) {
    if (previous !== null) console.error("The dataset changed since the last build: clearing cached loader output.");
    rmSync(join(CACHE, "data"), {recursive: true, force: true});
    mkdirSync(CACHE, {recursive: true});
    writeFileSync(STAMP, stamp);
  }
  console.error(`Dataset: ${dataset.banner.replaceAll("`", "")}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
