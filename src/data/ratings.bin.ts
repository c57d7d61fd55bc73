// Ratings as compact columns (user index, movie index, rating×2) with the id maps, for training in the browser.
import {encodeRatingsFile} from "../components/movielens/ratingsFile.js";
import {describeDataset, resolveDataset} from "./dataset.js";
import {log, runLoader} from "./log.js";
import {isWithheld, withheldArtifacts} from "./withheld.js";
import {readDataset} from "./readDataset.js";

await runLoader(async () => {
  // 1. Find the dataset: MOVIELENS_DIR, data/ml-10M100K, or the built-in synthetic one.
  const dataset = await resolveDataset({log});
  // a publish build embeds nothing derived from MovieLens
  if (isWithheld(dataset)) return withheldArtifacts().ratingsFile;
  // 2. Parse movies.dat, ratings.dat and my_ratings.dat; index ids densely.
  const loaded = await readDataset(dataset, log);
  // 3. Write the columns; the header names the dataset (as summary.json does) so the page can check what it got.
  return encodeRatingsFile(loaded.ratings, {dataset: describeDataset(dataset, loaded).name, kind: dataset.kind});
});
