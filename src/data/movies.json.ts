// Movies with their year and genres split out, and how often and how well each was rated.
import {movieRows} from "../components/movielens/datasetArtifacts.js";
import {resolveDataset} from "./dataset.js";
import {log, runLoader} from "./log.js";
import {isWithheld, withheldArtifacts} from "./withheld.js";
import {readDataset} from "./readDataset.js";

await runLoader(async () => {
  // 1. Find and parse the dataset.
  const dataset = await resolveDataset({log});
  // a publish build embeds nothing derived from MovieLens
  if (isWithheld(dataset)) return JSON.stringify(withheldArtifacts().movies);
  const {movies, ratings} = await readDataset(dataset, log);
  // 2. One row per movie, in movies.dat order (the model's movie index), with its number of ratings and mean rating
  //    (mine included, as the model sees them). The browser's import computes the same rows with the same function.
  return JSON.stringify(movieRows(movies, ratings));
});
