// Ranking metrics of the default recipe, of iALS (model/ials.ts) and of three baselines, under fastai's random 80/20
// split and a time-aware split (each user's latest 20% held out), with fit times; and the demo user's top 20 by genre.
// `npm run bench:ranking` runs on the site's synthetic set (about a minute on wasm); `-- --dir FOLDER` on any
// MovieLens release folder, read as the loaders read it.
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
import {parseCli} from "../scripts/parseCli.js";
import {fitIals, ialsScores} from "../src/components/model/ials.js";
import {rankingReport} from "../src/components/model/rankingMetrics.js";
import {rankingTask} from "../src/components/model/rankingTask.js";
import {resolveDataset} from "../src/data/dataset.js";
import {readDataset} from "../src/data/readDataset.js";

const {dir} = parseCli<{dir?: string}>(
  {dir: {type: "string"}},
  "usage: npm run bench:ranking [-- --dir FOLDER]\n" +
    "  --dir FOLDER   a MovieLens release folder (any release the workbook reads); default: the site's synthetic set\n"
);
const loaded = dir
  ? await readDataset(await resolveDataset({env: {MOVIELENS_DIR: dir}}), (m) => console.error(m), {cacheDir: null})
  : null;
const data = loaded ? null : synthesize(SITE_SYNTH);
const movieGenres = loaded ? loaded.movies.map((m) => m.genres) : data!.movies.map((m) => m.genres);
const table = loaded
  ? loaded.ratings
  : indexRatings(
      data!.movies.map((m) => m.id),
      [data!.ratings, data!.myRatings]
    );
console.log(
  `${dir ?? "the site's synthetic set"}: ${table.rating2.length.toLocaleString("en-US")} ratings, ` +
    `${table.userIds.length.toLocaleString("en-US")} users, ${table.movieIds.length.toLocaleString("en-US")} movies`
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
  const i0 = performance.now();
  const ials = fitIals(table, table.userIds.length, table.movieIds.length, split.train);
  const ialsSeconds = (performance.now() - i0) / 1000;
  const task = rankingTask(table, split, table.userIds.length, table.movieIds.length);
  const scores = new Float32Array(table.movieIds.length);
  console.log(
    row(
      "iALS",
      rankingReport(task, (u) => ialsScores(ials, u, scores), {k: 10})
    )
  );
  for (const [name, r] of Object.entries(ranking.baselines)) console.log(row(name, r));
  console.log(
    `popularity knob (stars per doubling of ratings): ` +
      ranking.curve
        .map((c) => `${c.weight}: NDCG ${c.report.ndcg.toFixed(3)}, coverage ${c.report.coverage.toFixed(3)}`)
        .join("; ")
  );
  const {factors: d, epochs: passes, unobservedWeight, regularization} = ials.options;
  console.log(
    `iALS: ${d} factors, ${passes} epochs, α₀ ${unobservedWeight}, λ ${regularization}: ` +
      `fitted in ${ialsSeconds.toFixed(1)} s (Node, one thread)`
  );
  if (kind === "random" && table.userIds.indexOf(MY_USER_ID) >= 0) {
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
