// Ranking metrics of the default recipe against three baselines on the site's synthetic set, under fastai's random
// 80/20 split and a time-aware split (each user's latest 20% held out); and the demo user's top 20 by genre.
// `npm run bench:ranking` (about a minute on wasm).
import {buildModel} from "../src/components/engine/buildModel.js";
import {encodeCheckpoint} from "../src/components/engine/checkpoint.js";
import {fit} from "../src/components/engine/fit.js";
import {modelWeights} from "../src/components/model/modelWeights.js";
import {predictAll} from "../src/components/model/predictRatings.js";
import type {RankingReport} from "../src/components/model/rankingMetrics.js";
import {runRanking} from "../src/components/model/runRanking.js";
import {TRAIN_DEFAULTS} from "../src/components/model/trainSettings.js";
import {indexRatings} from "../src/components/movielens/indexRatings.js";
import {MY_USER_ID} from "../src/components/movielens/myRatingsFile.js";
import {splitRows} from "../src/components/split.js";
import {SITE_SYNTH, synthesize} from "../src/components/synth/synthesize.js";
import {splitByTime} from "../src/components/model/timeSplit.js";
import {pickBackend} from "../src/components/engine/backend.js";
import {WASM_PATH} from "../scripts/lib/wasmPath.js";

const data = synthesize(SITE_SYNTH);
const table = indexRatings(
  data.movies.map((m) => m.id),
  [data.ratings, data.myRatings]
);
await pickBackend("wasm", {wasmPath: WASM_PATH});
const {factors, seed, epochs, lrMax, wd, bs} = TRAIN_DEFAULTS;
const row = (name: string, r: RankingReport) =>
  `| ${name.padEnd(13)} | ${[r.precision, r.recall, r.ndcg, r.map, r.coverage].map((x) => x.toFixed(4)).join(" | ")} ` +
  `| ${r.novelty.toFixed(2)} |`;
for (const kind of ["random", "time"] as const) {
  const split =
    kind === "random"
      ? splitRows(table.rating2.length, {seed, validPct: 0.2})
      : splitByTime(table.user, table.timestamp, table.userIds.length);
  const model = buildModel({users: table.userIds.length, movies: table.movieIds.length, factors, seed});
  const t0 = performance.now();
  await fit(model, table, {epochs, lrMax, wd, bs, seed, split});
  const weights = modelWeights(await encodeCheckpoint(model, table));
  model.dispose();
  const t1 = performance.now();
  const ranking = runRanking(weights, table, split, {kind});
  console.log(
    `\n${kind} split: trained in ${((t1 - t0) / 1000).toFixed(1)} s, ` +
      `evaluated in ${((performance.now() - t1) / 1000).toFixed(1)} s; MSE ${ranking.mse.toFixed(4)}, ` +
      `RMSE ${ranking.rmse.toFixed(4)}; k ${ranking.model.k}, relevant ≥ ${ranking.model.threshold} stars, ` +
      `${ranking.model.users} users`
  );
  console.log(
    "| ranker        | P@10   | R@10   | NDCG@10 | MAP@10 | coverage | novelty |\n|---|---|---|---|---|---|---|"
  );
  console.log(row(`model+pop ${ranking.blendWeight}`, ranking.blended));
  console.log(row("model", ranking.model));
  for (const [name, r] of Object.entries(ranking.baselines)) console.log(row(name, r));
  console.log(
    `popularity knob (stars per doubling of ratings): ` +
      ranking.curve
        .map((c) => `${c.weight}: NDCG ${c.report.ndcg.toFixed(3)}, coverage ${c.report.coverage.toFixed(3)}`)
        .join("; ")
  );
  if (kind === "random") {
    const me = table.userIds.indexOf(MY_USER_ID);
    const rated = new Set<number>();
    for (let i = 0; i < table.user.length; ++i) if (table.user[i] === me) rated.add(table.movie[i]);
    const p = predictAll(weights, me, weights);
    const top = [...p.keys()]
      .filter((m) => !rated.has(m))
      .sort((a, b) => p[b] - p[a])
      .slice(0, 20);
    const genres: Record<string, number> = {};
    for (const m of top) for (const g of data.movies[m].genres) genres[g] = (genres[g] ?? 0) + 1;
    console.log(
      `demo user's top 20 by genre: ${Object.entries(genres)
        .sort((a, b) => b[1] - a[1])
        .map(([g, n]) => `${g} ${n}`)
        .join(", ")}`
    );
  }
}
