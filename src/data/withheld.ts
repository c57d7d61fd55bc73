import {datasetArtifacts} from "../components/movielens/datasetArtifacts.js";
import type {DatasetArtifacts, DatasetInfo} from "../components/movielens/datasetArtifacts.js";
import {indexRatings} from "../components/movielens/indexRatings.js";
import type {Dataset} from "./dataset.js";

/** How a published site describes itself when the MovieLens data was withheld from it. */
export const WITHHELD: DatasetInfo = {
  kind: "none",
  origin: "published",
  published: true,
  name: "No data in this published workbook",
  banner:
    "MovieLens's licence forbids redistributing its data, so this published workbook holds none: " +
    "load MovieLens from your computer below.",
  synthetic: null
};

/**
 * True when a publish build (`npm run build:publish`, WORKBOOK_PUBLISH=1) runs on real MovieLens: then the loaders
 * write empty artifacts, so nothing derived from the ratings or movies reaches dist/.
 * Synthetic data is published as is.
 */
export function isWithheld(dataset: Dataset, env: NodeJS.ProcessEnv = process.env): boolean {
  return env.WORKBOOK_PUBLISH === "1" && dataset.kind === "movielens";
}

/** The empty artifacts of a published workbook without data. */
export function withheldArtifacts(): DatasetArtifacts {
  return datasetArtifacts([], indexRatings([], []), {ratings: 0, myRatings: 0}, WITHHELD);
}
