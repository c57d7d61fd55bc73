// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {RankingReport, RunRanking} from "../../src/components/model/rankingMetrics.js";
import {RankingTable, rankingVerdict} from "../../src/components/ui/RankingTable.js";

const report = (ndcg: number, coverage = 0.1): RankingReport => ({
  k: 10,
  threshold: 4,
  users: 2000,
  precision: ndcg / 1.3,
  recall: ndcg / 1.7,
  ndcg,
  map: ndcg / 2,
  coverage,
  novelty: 9.5
});
const ranking = (model: number, blended: number): RunRanking => ({
  split: "random",
  mse: 0.6695,
  rmse: Math.sqrt(0.6695),
  model: report(model, 0.29),
  blended: report(blended, 0.11),
  blendWeight: 0.3,
  curve: [],
  baselines: {popular: report(0.158, 0.019), dampedMean: report(0.022), biasOnly: report(0.012)}
});

describe("rankingVerdict(ranking)", () => {
  it("says by how much the blended model beats each baseline, and how the model alone compares", () => {
    const text = rankingVerdict(ranking(0.096, 0.242));
    expect(text).toContain(
      "the model beats all three baselines on NDCG@10: 0.242, +53% against most popular (0.158), " +
        "+1000% against damped mean rating, +1917% against bias only."
    );
    expect(text).toContain(
      "By predicted rating alone, as the notebook ranked, it scores 0.096 (−39% against most popular)"
    );
    expect(text).toContain("but its lists cover 15× as much of the catalogue.");
    // Coverage is only mentioned when it is clearly wider: 1.2× is not worth a "but".
    const close = {...ranking(0.096, 0.242), model: report(0.096, 0.023)};
    expect(rankingVerdict(close)).toMatch(/does not learn\.$/);
    expect(rankingVerdict({...ranking(0.096, 0.242), model: report(0.096, 0.05)})).toContain(
      "but its lists cover 2.6× as much of the catalogue."
    );
  });
  it("says so when the model beats them even alone, and when the blend does not", () => {
    expect(rankingVerdict(ranking(0.2, 0.3))).toContain("By predicted rating alone it beats them too (0.200).");
    expect(rankingVerdict(ranking(0.05, 0.1))).toContain(
      "scores NDCG@10 0.100, −37% against the best baseline, most popular (0.158)."
    );
  });
  it("never praises a diverged run, whose blended ranking is popularity's", () => {
    const text = rankingVerdict(ranking(0.01, 0.16), {diverged: true});
    expect(text).toBe(
      "This run diverged, so these numbers are not the model's merit: with popularity blended in it scores NDCG@10 " +
        "0.160, which is popularity's doing (most popular alone: 0.158), and by predicted rating alone 0.010."
    );
    expect(text).not.toMatch(/beats/);
  });
});

describe("RankingTable(ranking)", () => {
  it("shows MSE and RMSE, the split, and one row per ranker with P, R, NDCG and MAP at k, coverage and novelty", () => {
    const el = RankingTable(ranking(0.096, 0.242));
    expect(el.querySelector("p")!.textContent).toBe(
      "Validation MSE 0.6695 stars², RMSE 0.8182 stars, on the random 80/20 split. Ranking, for each of 2,000 users " +
        "with a held-out rating, every movie they did not rate in training; a held-out rating of 4 stars or more is " +
        "relevant. Popularity is the mean log2(1 + ratings) of the listed movies: lower is more novel."
    );
    expect([...el.querySelectorAll("th")].map((th) => th.textContent)).toEqual([
      "ranker",
      "P@10",
      "R@10",
      "NDCG@10",
      "MAP@10",
      "coverage",
      "popularity"
    ]);
    const rows = [...el.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent)
    );
    expect(rows.map((r) => r[0])).toEqual([
      "model + popularity 0.3",
      "model (predicted rating)",
      "most popular",
      "damped mean rating",
      "bias only"
    ]);
    expect(rows[0]).toEqual(["model + popularity 0.3", "0.186", "0.142", "0.242", "0.121", "11.0%", "9.50"]);
  });
});

describe("RankingTable(ranking) with iALS and a measured choice", () => {
  const withIals: RunRanking = {
    ...ranking(0.096, 0.242),
    ials: report(0.31, 0.05),
    choice: {
      chosen: {kind: "ials"},
      chosenOn: 1000,
      reportedOn: 1000,
      k: 10,
      ndcg: 0.305,
      popularNdcg: 0.16,
      candidates: [
        {ranking: {kind: "predicted", weight: 0}, ndcg: 0.09},
        {ranking: {kind: "ials"}, ndcg: 0.312}
      ]
    }
  };
  it("shows iALS's row first, and says which ranking Recommendations opens on and what it scored unseen", () => {
    const el = RankingTable(withIals);
    const names = [...el.querySelectorAll("tbody tr")].map((tr) => tr.querySelector("td")!.textContent);
    expect(names[0]).toBe("iALS");
    expect(names).toHaveLength(6);
    expect(
      rankingVerdict(withIals).endsWith(
        " Recommendations opens on iALS, the best of 2 rankings on half of these users; on the other half it scores " +
          "NDCG@10 0.305, against 0.160 for most popular."
      )
    ).toBe(true);
  });
});
