import type {RankingReport, RunRanking} from "../model/rankingMetrics.js";
import {rankingLabel} from "../model/chooseRanking.js";
import {textRow, textTable} from "./textTable.js";

const SPLITS = {random: "the random 80/20 split", time: "the time split (each user's latest 20% held out)"} as const;
/** The three baselines' names, as every table of runs shows them. */
export const BASELINES = {popular: "most popular", dampedMean: "damped mean rating", biasOnly: "bias only"} as const;

/** The baseline with the highest NDCG@k on a run's split, by name, with its report (the first on a tie). */
export function bestBaseline(ranking: RunRanking): [keyof typeof BASELINES, RankingReport] {
  return (Object.entries(ranking.baselines) as [keyof typeof BASELINES, RankingReport][]).reduce((a, b) =>
    b[1].ndcg > a[1].ndcg ? b : a
  );
}

const pct = (a: number, b: number) =>
  b > 0 ? `${a >= b ? "+" : "−"}${Math.abs((100 * (a - b)) / b).toFixed(0)}%` : "—";

/**
 * In words, how the model's NDCG@k compares with the best baseline's,
 * with popularity blended in and by predicted rating alone: "beats" or "does not beat", with the relative difference;
 * for a diverged run, only that its numbers are not the model's merit.
 */
export function rankingVerdict(ranking: RunRanking, {diverged = false}: {diverged?: boolean} = {}): string {
  const k = ranking.model.k;
  const [bestName, best] = bestBaseline(ranking);
  // A diverged model's blended ranking is popularity's: no praise, whatever the numbers.
  if (diverged)
    return (
      `This run diverged, so these numbers are not the model's merit: with popularity blended in it scores ` +
      `NDCG@${k} ${ranking.blended.ndcg.toFixed(3)}, which is popularity's doing (${BASELINES[bestName]} alone: ` +
      `${best.ndcg.toFixed(3)}), and by predicted rating alone ${ranking.model.ndcg.toFixed(3)}.`
    );
  const others = (Object.keys(BASELINES) as (keyof typeof BASELINES)[]).filter((name) => name !== bestName);
  const all = (r: RankingReport) => Object.values(ranking.baselines).every((b) => r.ndcg > b.ndcg);
  const blended = ranking.blended,
    alone = ranking.model;
  const first = all(blended)
    ? `With popularity blended in (${ranking.blendWeight}★ per doubling of a movie's ratings), ` +
      `the model beats all three baselines on NDCG@${k}: ${blended.ndcg.toFixed(3)}, ` +
      `${pct(blended.ndcg, best.ndcg)} against ${BASELINES[bestName]} (${best.ndcg.toFixed(3)}), ` +
      `${others.map((o) => `${pct(blended.ndcg, ranking.baselines[o].ndcg)} against ${BASELINES[o]}`).join(", ")}.`
    : `With popularity blended in (${ranking.blendWeight}★ per doubling), the model scores NDCG@${k} ` +
      `${blended.ndcg.toFixed(3)}, ${pct(blended.ndcg, best.ndcg)} against the best baseline, ` +
      `${BASELINES[bestName]} (${best.ndcg.toFixed(3)}).`;
  const wider = alone.coverage / Math.max(best.coverage, 1e-9);
  const cover =
    wider >= 1.5 ? `, but its lists cover ${wider.toFixed(wider < 10 ? 1 : 0)}× as much of the catalogue` : "";
  const second = all(alone)
    ? `By predicted rating alone it beats them too (${alone.ndcg.toFixed(3)}).`
    : `By predicted rating alone, as the notebook ranked, ` +
      `it scores ${alone.ndcg.toFixed(3)} (${pct(alone.ndcg, best.ndcg)} against ${BASELINES[bestName]}): ` +
      `which movies a person rates at all depends on popularity, which a rating model does not learn${cover}.`;
  const choice = ranking.choice;
  const third = choice
    ? ` Recommendations opens on ${rankingLabel(choice.chosen)}, the best of ${choice.candidates.length} rankings ` +
      `on half of these users; on the other half it scores NDCG@${k} ${choice.ndcg.toFixed(3)}, against ` +
      `${choice.popularNdcg.toFixed(3)} for most popular.`
    : "";
  return `${first} ${second}${third}`;
}

/**
 * A run's ranking evaluation (model/evaluateRanking.ts), as a caption in words and a table: precision, recall, NDCG
 * and MAP at k, catalogue coverage and novelty, shown as "popularity" (mean log2(1 + training ratings) of the listed
 * movies: lower is more novel), for iALS when the run fitted it, for the model with and without the popularity blend
 * and for the three baselines; with the validation MSE and RMSE.
 */
export function RankingTable(ranking: RunRanking, {diverged = false}: {diverged?: boolean} = {}): HTMLElement {
  const {k, threshold, users} = ranking.model;
  const figure = document.createElement("figure");
  figure.className = "ranking-table";
  const lead = figure.appendChild(document.createElement("p"));
  lead.textContent =
    `Validation MSE ${ranking.mse.toFixed(4)} stars², RMSE ${ranking.rmse.toFixed(4)} stars, on ` +
    `${SPLITS[ranking.split]}. Ranking, for each of ${users.toLocaleString("en-US")} users with a held-out rating, ` +
    `every movie they did not rate in training; a held-out rating of ${threshold} stars or more is relevant. ` +
    `Popularity is the mean log2(1 + ratings) of the listed movies: lower is more novel.`;
  const verdict = figure.appendChild(document.createElement("p"));
  verdict.className = "ranking-verdict";
  verdict.textContent = rankingVerdict(ranking, {diverged});
  const {table, body} = textTable("ranking", [
    "ranker",
    `P@${k}`,
    `R@${k}`,
    `NDCG@${k}`,
    `MAP@${k}`,
    "coverage",
    "popularity"
  ]);
  const row = (name: string, r: RankingReport) =>
    textRow(body, [
      name,
      ...[r.precision, r.recall, r.ndcg, r.map].map((x) => x.toFixed(3)),
      `${(100 * r.coverage).toFixed(1)}%`,
      r.novelty.toFixed(2)
    ]);
  if (ranking.ials) row("iALS", ranking.ials);
  row(`model + popularity ${ranking.blendWeight}`, ranking.blended);
  row("model (predicted rating)", ranking.model);
  for (const [name, label] of Object.entries(BASELINES)) row(label, ranking.baselines[name as keyof typeof BASELINES]);
  figure.appendChild(table);
  return figure;
}
