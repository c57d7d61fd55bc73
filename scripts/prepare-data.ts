// Runs before `observable preview` and `observable build`: resolves the dataset (generating the synthetic one on first
// use) and clears cached loader output when the dataset or the loaders' code changed. Framework itself reruns a
// loader only when the loader file is newer than its cache, so it misses both a new dataset and a changed import.
// It also gives the libraries named by Framework's own client a version from node_modules, so that neither needs the
// network (see frameworkNpmPins.ts).
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {codeStamp} from "../src/data/codeStamp.js";
import {ROOT, datasetStamp, resolveDataset} from "../src/data/dataset.js";
import {pinFrameworkNpmVersions} from "./frameworkNpmPins.js";

const CACHE = join(ROOT, "src/.observablehq/cache");
const STAMP = join(CACHE, "dataset-stamp.json");

try {
  const dataset = await resolveDataset({log: (message) => console.error(message)});
  const stamp = JSON.stringify({
    dataset: datasetStamp(dataset),
    code: codeStamp(),
    publish: process.env.WORKBOOK_PUBLISH === "1"
  });
  const previous = existsSync(STAMP) ? readFileSync(STAMP, "utf-8") : null;
  if (previous !== stamp) {
    if (previous !== null)
      console.error("The dataset or the loaders changed since the last build: clearing cached loader output.");
    rmSync(join(CACHE, "data"), {recursive: true, force: true});
    mkdirSync(CACHE, {recursive: true});
    writeFileSync(STAMP, stamp);
  }
  pinFrameworkNpmVersions({root: ROOT, cache: CACHE});
  console.error(`Dataset: ${dataset.banner.replaceAll("`", "")}`);
  if (process.env.WORKBOOK_PUBLISH === "1") {
    console.error(
      dataset.kind === "movielens"
        ? "Publish build: MovieLens data is withheld from dist/ (its licence forbids redistribution); visitors load their own copy."
        : "Publish build: the synthetic dataset is published as it is."
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
