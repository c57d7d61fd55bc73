// Runs before `observable preview` and `observable build`: resolves the dataset (generating the synthetic one on first
// use) and clears cached loader output when the dataset or the loaders' code changed. Framework itself reruns a
// loader only when the loader file is newer than its cache, so it misses both a new dataset and a changed import.
// It also gives the libraries named by Framework's own client a version from node_modules, so that neither needs the
// network (see frameworkNpmPins.ts).
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {codeStamp} from "../src/data/codeStamp.js";
import {ROOT, datasetStamp, resolveDataset} from "../src/data/dataset.js";
import {pinFrameworkNpmVersions} from "./frameworkNpmPins.js";
import {DATASET_LOADERS} from "./watchDataset.js";

const CACHE = join(ROOT, "src/.observablehq/cache");
const STAMP = join(CACHE, "dataset-stamp.json");

/**
 * The outputs of the loaders that read the dataset (DATASET_LOADERS: `summary.json`, and a half-written
 * `summary.json.<pid>`). A new dataset clears only these: the others (the worker bundles, TF.js's wasm binaries) are
 * made from the code and node_modules alone, so only a change of code clears them.
 */
const DATASET_OUTPUTS = new Set(DATASET_LOADERS.map((name) => name.replace(/\.ts$/, "")));
const isDatasetOutput = (file: string) => DATASET_OUTPUTS.has(file.replace(/\.\d+$/, ""));

try {
  const dataset = await resolveDataset({log: (message) => console.error(message)});
  const stamp = {dataset: datasetStamp(dataset), code: codeStamp(), publish: process.env.WORKBOOK_PUBLISH === "1"};
  const previous = readStamp();
  if (JSON.stringify(previous) !== JSON.stringify(stamp)) {
    const data = join(CACHE, "data");
    if (previous === null || previous.code !== stamp.code) {
      if (previous !== null)
        console.error("The loaders' code changed since the last build: clearing cached loader output.");
      rmSync(data, {recursive: true, force: true});
    } else {
      console.error("The dataset changed since the last build: clearing the loader output made from it.");
      for (const name of existsSync(data) ? readdirSync(data) : [])
        if (isDatasetOutput(name)) rmSync(join(data, name), {recursive: true, force: true});
    }
    mkdirSync(CACHE, {recursive: true});
    writeFileSync(STAMP, JSON.stringify(stamp));
  }
  pinFrameworkNpmVersions({root: ROOT, cache: CACHE});
  console.error(`Dataset: ${dataset.banner.replaceAll("`", "")}`);
  if (process.env.WORKBOOK_PUBLISH === "1") {
    console.error(
      dataset.kind === "movielens"
        ? "Publish build: MovieLens data is withheld from dist/ (its licence forbids redistribution); " +
            "visitors load their own copy."
        : "Publish build: the synthetic dataset is published as it is."
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

/** The stamp of the last build's dataset and code, or null when there is none (or it cannot be read). */
function readStamp(): {dataset: string; code: string; publish: boolean} | null {
  try {
    return JSON.parse(readFileSync(STAMP, "utf-8"));
  } catch {
    return null;
  }
}
