// What the pages say about the dataset: its name, counts, sparsity, what was dropped, the last ratings, my ratings.
import {datasetSummary} from "../components/movielens/datasetArtifacts.js";
import {describeDataset, resolveDataset} from "./dataset.js";
import {log, runLoader} from "./log.js";
import {isWithheld, withheldArtifacts} from "./withheld.js";
import {readDataset} from "./readDataset.js";

await runLoader(async () => {
  // 1. Find and parse the dataset.
  const dataset = await resolveDataset({log});
  // a publish build embeds nothing derived from MovieLens
  if (isWithheld(dataset)) return JSON.stringify(withheldArtifacts().summary);
  const loaded = await readDataset(dataset, log);
  // 2. Name it by what it is (MovieLens 1M, 10M, or by its counts) and summarize it as the pages show it; the
  //    browser's import names and summarizes a visitor's data with the same functions.
  return JSON.stringify(datasetSummary(loaded.movies, loaded.ratings, loaded.rows, describeDataset(dataset, loaded)));
});
