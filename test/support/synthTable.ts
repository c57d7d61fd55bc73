import {indexRatings} from "../../src/components/movielens/indexRatings.js";
import type {RatingsTable} from "../../src/components/movielens/ratingsFile.js";
import {synthesize} from "../../src/components/synth/synthesize.js";
import type {SynthMeta, SynthOptions, SyntheticDataset} from "../../src/components/synth/synthesize.js";

/**
 * A synthetic dataset as the indexed columns the training engine reads (rows in the dataset's order), with its metadata
 * (noise floor…) and the dataset itself.
 */
export function synthTable(options: SynthOptions): {table: RatingsTable; meta: SynthMeta; data: SyntheticDataset} {
  const s = synthesize(options);
  const {user, movie, rating2, userIds, movieIds} = indexRatings(
    s.movies.map((m) => m.id),
    [s.ratings]
  );
  return {table: {user, movie, rating2, userIds, movieIds}, meta: s.meta, data: s};
}
