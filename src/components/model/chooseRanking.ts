// Which ranking the Recommendations page opens on, chosen by measurement on the run's own held-out ratings without
// grading its own homework: the candidates are compared on half of the evaluated users, and the winner's figures are
// reported on the other half, which the choice did not see.

/**
 * A ranking of movies for a person: iALS's scores (ials.ts), or the notebook's predicted rating plus `weight` stars
 * per doubling of a movie's ratings (popularityBlend.ts; 0 is the predicted rating alone, as the notebook ranked).
 */
export type RankingName = {kind: "ials"} | {kind: "predicted"; weight: number};

/** The measured choice of a run's default ranking (chooseRanking). */
export interface RankingChoice {
  chosen: RankingName;
  /** How many users the choice was made on, and how many the figures below come from (disjoint halves). */
  chosenOn: number;
  reportedOn: number;
  /** List length of the figures (10). */
  k: number;
  /** The chosen ranking's NDCG@k on the reporting half, and most popular's on the same users. */
  ndcg: number;
  popularNdcg: number;
  /** Every candidate's NDCG@k on the choosing half, in the order given. */
  candidates: {ranking: RankingName; ndcg: number}[];
}

/** How a ranking reads on the page: "iALS", "predicted rating", "predicted rating + 0.3★ per doubling of ratings". */
export function rankingLabel(ranking: RankingName): string {
  if (ranking.kind === "ials") return "iALS";
  if (ranking.weight === 0) return "predicted rating";
  return `predicted rating ${ranking.weight > 0 ? "+" : "−"} ${Math.abs(ranking.weight)}★ per doubling of ratings`;
}

/**
 * Chooses among `candidates` by mean NDCG@k over the evaluated users at even positions (ties go to the earlier
 * candidate), and reports the winner's and most popular's mean NDCG@k over the users at odd positions. `ndcg[c][i]`
 * is candidate c's NDCG@k for the user at position i, `popular[i]` most popular's. The task's users are a seeded
 * random sample sorted by index, so alternate positions split them into two random halves. Throws a TypeError with no
 * candidate or fewer than two users.
 */
export function chooseRanking(
  candidates: RankingName[],
  ndcg: ArrayLike<number>[],
  popular: ArrayLike<number>,
  {k = 10}: {k?: number} = {}
): RankingChoice {
  const users = popular.length;
  if (candidates.length === 0 || candidates.length !== ndcg.length)
    throw new TypeError(`chooseRanking: ${candidates.length} candidates for ${ndcg.length} score lists`);
  if (users < 2) throw new TypeError(`chooseRanking: ${users} users cannot be split in two halves`);
  const mean = (values: ArrayLike<number>, parity: number) => {
    let sum = 0,
      n = 0;
    for (let i = parity; i < users; i += 2) {
      sum += values[i];
      ++n;
    }
    return sum / n;
  };
  const measured = candidates.map((ranking, c) => ({ranking, ndcg: mean(ndcg[c], 0)}));
  let best = 0;
  measured.forEach((m, c) => {
    if (m.ndcg > measured[best].ndcg) best = c;
  });
  return {
    chosen: candidates[best],
    chosenOn: Math.ceil(users / 2),
    reportedOn: Math.floor(users / 2),
    k,
    ndcg: mean(ndcg[best], 1),
    popularNdcg: mean(popular, 1),
    candidates: measured
  };
}
