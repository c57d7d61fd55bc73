// Movies with their year and genres split out, and how often and how well each was rated.
import {movieStats} from "../components/ratingStats.js";
import {resolveDataset} from "./dataset.js";
import {log, runLoader} from "./log.js";
import {readDataset} from "./readDataset.js";

await runLoader(async () => {
  // 1. Find and parse the dataset.
  const dataset = await resolveDataset({log});
  const {movies, ratings} = await readDataset(dataset, log);
  // 2. Count and average the ratings of each movie (mine included, as the model will see them).
  const {count, mean} = movieStats(ratings.movie, ratings.rating2, movies.length);
  // 3. One row per movie, in movies.dat order, which is also the model's movie index.
  return JSON.stringify(movies.map((m, i) => ({...m, ratings: count[i], mean: count[i] ? +mean[i].toFixed(3) : null})));
});
