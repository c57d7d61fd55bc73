// The rating histogram, pre-aggregated: how many ratings fall on each half star, and the mean rating.
import {ratingHistogram} from "../components/ratingStats.js";
import {resolveDataset} from "./dataset.js";
import {log, runLoader} from "./log.js";
import {readDataset} from "./readDataset.js";

await runLoader(async () => {
  // 1. Find and parse the dataset (my ratings included, as the notebook plotted the concatenated table).
  const dataset = await resolveDataset({log});
  const {rating2} = (await readDataset(dataset, log)).ratings;
  // 2. Count each of the ten half-star values; the page never touches the individual ratings.
  const bins = ratingHistogram(rating2);
  const total = bins.reduce((n, b) => n + b.count, 0);
  const mean = bins.reduce((s, b) => s + b.rating * b.count, 0) / total;
  return JSON.stringify({bins, total, mean});
});
