import type {Recommendation} from "./recommend.js";
import {toCsv} from "./toCsv.js";

const round2 = (x: number | null) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 100) / 100);

/**
 * The list on the Recommendations page as CSV (toCsv: RFC 4180, formulas guarded), with the filters applied as shown:
 * rank, MovieID, title, year, genres (separated by |, as movies.dat has them), the predicted rating (2 decimals;
 * left out of a list that is not personal), how many people rated the movie, and their mean rating.
 */
export function recommendationsCsv(
  rows: readonly Recommendation[],
  {predicted = true}: {predicted?: boolean} = {}
): string {
  const header = ["rank", "movieId", "title", "year", "genres", ...(predicted ? ["predicted"] : []), "ratings", "mean"];
  return toCsv(
    header,
    rows.map((r) => [
      r.rank,
      r.movieId,
      r.title,
      r.year,
      r.genres.join("|"),
      ...(predicted ? [round2(r.predicted)] : []),
      r.ratings,
      round2(r.mean)
    ])
  );
}
