// Ranking metrics of the default list (the ranking chosen by measurement, chooseRanking.ts), of iALS
// (model/ials.ts), of the notebook's predicted rating, of the popularity blend and of three baselines, under fastai's
// random 80/20 split and a time-aware split (each user's latest 20% held out), with fit and ranking times; and the
// demo user's top 20 by genre. `npm run bench:ranking` runs on the site's synthetic set (about a minute on wasm);
// `-- --dir FOLDER` on any MovieLens release folder, read as the loaders read it; `-- --shape ml-10m` (or ml-32m) on a
// synthetic set of that release's shape, random split only (it has no timestamps), to time the fit and the ranking
// against the budgets.
import {buildModel} from "../src/components/engine/buildModel.js";
import {encodeCheckpoint} from "../src/components/engine/checkpoint.js";
import {fit} from "../src/components/engine/fit.js";
import {modelWeights} from "../src/components/model/modelWeights.js";
import {predictAll} from "../src/components/model/predictRatings.js";
import type {RankingReport, RunRanking} from "../src/components/model/rankingMetrics.js";
import {evaluateRanking} from "../src/components/model/evaluateRanking.js";
import {TRAIN_DEFAULTS} from "../src/components/trainDefaults.js";
import {indexRatings} from "../src/components/movielens/indexRatings.js";
import {MY_USER_ID} from "../src/components/movielens/myRatingsFile.js";
import {sortSplit} from "../src/components/split/Split.js";
import {splitRows} from "../src/components/split/splitRows.js";
import {ML10M_SHAPE, ML32M_SHAPE, SITE_SYNTH, synthesize} from "../src/components/synth/synthesize.js";
import {splitByTime} from "../src/components/split/splitByTime.js";
import {pickBackend} from "../src/components/engine/backend.js";
import {WASM_PATH} from "../scripts/lib/wasmPath.js";
import {parseCli} from "../scripts/parseCli.js";
import {fitIals, ialsOptionsFor} from "../src/components/model/ials.js";
import {rankingLabel} from "../src/components/model/chooseRanking.js";
import {rankingUsers} from "../src/components/model/rankingTask.js";
import {resolveDataset} from "../src/data/dataset.js";
import {readDataset} from "../src/data/readDataset.js";
import {ensureSyntheticSet, readSyntheticTable} from "./syntheticSet.js";
import type {RatingsTable} from "../src/components/movielens/ratingsFile.js";

const SHAPES = {"ml-10m": ML10M_SHAPE, "ml-32m": ML32M_SHAPE};
const {dir, shape} = parseCli<{dir?: string; shape?: string}>(
  {dir: {type: "string"}, shape: {type: "string"}},
  "usage: npm run bench:ranking [-- --dir FOLDER | --shape ml-10m|ml-32m]\n" +
    "  --dir FOLDER   a MovieLens release folder (any release the workbook reads)\n" +
    "  --shape NAME   a synthetic set of ML-10M's or ML-32M's shape (random split only)\n" +
    "  default: the site's synthetic set\n"
);
if (shape && !(shape in SHAPES)) {
  console.error(`--shape must be ml-10m or ml-32m, not ${shape}`);
  process.exit(1);
}
const loaded = dir
  ? await readDataset(await resolveDataset({env: {MOVIELENS_DIR: dir}}), (m) => console.error(m), {cacheDir: null})
  : null;
const shaped: RatingsTable | null = shape
  ? await readSyntheticTable(
      (await ensureSyntheticSet(SHAPES[shape as keyof typeof SHAPES], (m) => console.error(m))).dir
    )
  : null;
const data = loaded || shaped ? null : synthesize(SITE_SYNTH);
const movieGenres = loaded ? loaded.movies.map((m) => m.genres) : data ? data.movies.map((m) => m.genres) : null;
const table = loaded
  ? loaded.ratings
  : shaped
    ? shaped
    : indexRatings(
        data!.movies.map((m) => m.id),
        [data!.ratings, data!.myRatings]
      );
const source = dir ?? (shape ? `a synthetic set of ${shape}'s shape` : "the site's synthetic set");
console.log(
  `${source}: ${table.rating2.length.toLocaleString("en-US")} ratings, ` +
    `${table.userIds.length.toLocaleString("en-US")} users, ${table.movieIds.length.toLocaleString("en-US")} movies`
);
await pickBackend("wasm", {wasmPath: WASM_PATH});
const {factors, seed, epochs, lrMax, wd, bs} = TRAIN_DEFAULTS;
/** The default list's report over every evaluated user: the chosen ranking's. */
function defaultReport(ranking: RunRanking): RankingReport {
  const chosen = ranking.choice!.chosen;
  if (chosen.kind === "ials") return ranking.ials!;
  return ranking.curve.find((c) => c.weight === chosen.weight)!.report;
}
const row = (name: string, r: RankingReport) =>
  `| ${name.padEnd(13)} | ${[r.precision, r.recall, r.ndcg, r.map, r.coverage].map((x) => x.toFixed(4)).join(" | ")} ` +
  `| ${r.novelty.toFixed(2)} |`;
for (const kind of shaped ? (["random"] as const) : (["random", "time"] as const)) {
  const split =
    kind === "random"
      ? splitRows(table.rating2.length, {seed})
      : splitByTime(table.user, (table as {timestamp: Int32Array}).timestamp, table.userIds.length);
  const model = buildModel({users: table.userIds.length, movies: table.movieIds.length, factors, seed});
  const t0 = performance.now();
  await fit(model, table, {epochs, lrMax, wd, bs, seed, split});
  const weights = modelWeights(await encodeCheckpoint(model, table));
  model.dispose();
  const t1 = performance.now();
  // As the worker does after a run: iALS on the same training ratings, then the ranking on the sorted split.
  const ials = fitIals(
    table,
    table.userIds.length,
    table.movieIds.length,
    split.train,
    ialsOptionsFor(split.train.length)
  );
  const t2 = performance.now();
  sortSplit(split);
  const maxUsers = rankingUsers(table.movieIds.length);
  const ranking = evaluateRanking(weights, table, split, {kind, ials, maxUsers});
  const t3 = performance.now();
  const choice = ranking.choice!;
  console.log(
    `\n${kind} split: EmbeddingDotBias trained in ${((t1 - t0) / 1000).toFixed(1)} s (${epochs} epochs); ` +
      `iALS fitted in ${((t2 - t1) / 1000).toFixed(1)} s (${ials.options.factors} factors, ${ials.options.epochs} ` +
      `epochs, α₀ ${ials.options.unobservedWeight}, λ ${ials.options.regularization}); ranked in ` +
      `${((t3 - t2) / 1000).toFixed(1)} s (Node, one thread). MSE ${ranking.mse.toFixed(4)}, RMSE ` +
      `${ranking.rmse.toFixed(4)}; k ${ranking.model.k}, relevant ≥ ${ranking.model.threshold} stars, ` +
      `${ranking.model.users} users (a seeded sample of at most ${maxUsers})`
  );
  console.log(
    "| ranker        | P@10   | R@10   | NDCG@10 | MAP@10 | coverage | novelty |\n|---|---|---|---|---|---|---|"
  );
  console.log(row("default", defaultReport(ranking)));
  console.log(row("iALS", ranking.ials!));
  console.log(row("model", ranking.model));
  console.log(row(`model+pop ${ranking.blendWeight}`, ranking.blended));
  for (const [name, r] of Object.entries(ranking.baselines)) console.log(row(name, r));
  console.log(
    `default = ${rankingLabel(choice.chosen)}: chosen on ${choice.chosenOn} users (NDCG@10 ` +
      choice.candidates.map((c) => `${rankingLabel(c.ranking)} ${c.ndcg.toFixed(3)}`).join(", ") +
      `); on the other ${choice.reportedOn} users, NDCG@10 ${choice.ndcg.toFixed(4)} against most popular's ` +
      `${choice.popularNdcg.toFixed(4)}: ${(choice.ndcg / choice.popularNdcg).toFixed(2)}×; over all users ` +
      `${(defaultReport(ranking).ndcg / ranking.baselines.popular.ndcg).toFixed(2)}× most popular`
  );
  console.log(
    `popularity knob (stars per doubling of ratings): ` +
      ranking.curve
        .map((c) => `${c.weight}: NDCG ${c.report.ndcg.toFixed(3)}, coverage ${c.report.coverage.toFixed(3)}`)
        .join("; ")
  );
  if (kind === "random" && movieGenres && table.userIds.indexOf(MY_USER_ID) >= 0) {
    const me = table.userIds.indexOf(MY_USER_ID);
    const rated = new Set<number>();
    for (let i = 0; i < table.user.length; ++i) if (table.user[i] === me) rated.add(table.movie[i]);
    const p = predictAll(weights, me, weights);
    const top = [...p.keys()]
      .filter((m) => !rated.has(m))
      .sort((a, b) => p[b] - p[a])
      .slice(0, 20);
    const genres: Record<string, number> = {};
    for (const m of top) for (const g of movieGenres[m]) genres[g] = (genres[g] ?? 0) + 1;
    console.log(
      `demo user's top 20 by genre: ${Object.entries(genres)
        .sort((a, b) => b[1] - a[1])
        .map(([g, n]) => `${g} ${n}`)
        .join(", ")}`
    );
  }
}
