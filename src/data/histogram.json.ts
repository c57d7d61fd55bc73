// The rating histogram, pre-aggregated: how many ratings fall on each half star, and the mean rating.
import {histogramSummary} from "../components/movielens/datasetArtifacts.js";
import {resolveDataset} from "./dataset.js";
import {log, runLoader} from "./log.js";
import {isWithheld, withheldArtifacts} from "./withheld.js";
import {readDataset} from "./readDataset.js";

await runLoader(async () => {
  // 1. Find and parse the dataset (my ratings included, as the notebook plotted the concatenated table).
  const dataset = await resolveDataset({log});
  // a publish build embeds nothing derived from MovieLens
  if (isWithheld(dataset)) return JSON.stringify(withheldArtifacts().histogram);
  const {rating2} = (await readDataset(dataset, log)).ratings;
  // 2. Count each of the ten half-star values; the page never touches the individual ratings.
  return JSON.stringify(histogramSummary(rating2));
});
