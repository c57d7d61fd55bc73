import type {SplitKind} from "../trainDefaults.js";
import {splitByFlags} from "./Split.js";
import type {Split} from "./Split.js";
import {splitRows} from "./splitRows.js";

/**
 * The split a training run asks for (TrainHyper's `split`): "random", fastai's RandomSplitter over the table's `rows`
 * with the run's seed; "time", each user's latest ratings, from the ratings file's `latest` column (latestFlags.ts).
 * Throws, in words, when a time split is asked of ratings whose file has no such column.
 */
export function runSplit(kind: SplitKind, {rows, latest}: {rows: number; latest?: Uint8Array}, seed: number): Split {
  if (kind === "random") return splitRows(rows, {seed});
  if (!latest)
    throw new Error(
      "These ratings carry no timestamps, so they cannot be split by time. " +
        "Rebuild the site (or load the data again) to add them, or choose the random split."
    );
  return splitByFlags(latest);
}
