// What the pages say about the dataset: its name, counts, sparsity, what was dropped, the last ratings, my ratings.
import {datasetSummary} from "../components/datasetArtifacts.js";
import {resolveDataset} from "./dataset.js";
import {log, runLoader} from "./log.js";
import {isWithheld, withheldArtifacts} from "./withheld.js";
import {readDataset} from "./readDataset.js";

await runLoader(async () => {
  // 1. Find and parse the dataset.
  const dataset = await resolveDataset({log});
  if (isWithheld(dataset)) return JSON.stringify(withheldArtifacts().summary); // a publish build embeds nothing derived from MovieLens
  const {movies, ratings, rows} = await readDataset(dataset, log);
  // 2. Summarize it as the pages show it; the browser's import summarizes a visitor's data with the same function.
  const {kind, origin, name, banner, synthetic} = dataset;
  return JSON.stringify(datasetSummary(movies, ratings, rows, {kind, origin, name, banner, synthetic}));
});
