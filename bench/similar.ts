// npm run bench:similar [-- --dir FOLDER]: how often "Movies like this" (Explore) offers neighbours that share a genre
// with the chosen movie, by the minimum number of ratings a neighbour needs (similarMovies.ts's SIMILAR_MIN_RATINGS),
// for the notebook's model (EmbeddingDotBias, trained with the defaults) and for iALS's movie factors. Queries: the
// movies a person can choose there (at least SIMILAR_MIN_RATINGS ratings), the 500 most rated.
import {buildModel} from "../src/components/engine/buildModel.js";
import {encodeCheckpoint} from "../src/components/engine/checkpoint.js";
import {fit} from "../src/components/engine/fit.js";
import {pickBackend} from "../src/components/engine/backend.js";
import {fitIals, ialsOptionsFor} from "../src/components/model/ials.js";
import {modelWeights} from "../src/components/model/modelWeights.js";
import {genreAgreement, SIMILAR_MIN_RATINGS, similarMovies} from "../src/components/model/similarMovies.js";
import type {SimilarMovie} from "../src/components/model/similarMovies.js";
import {TRAIN_DEFAULTS} from "../src/components/trainDefaults.js";
import {indexRatings} from "../src/components/movielens/indexRatings.js";
import {SITE_SYNTH, synthesize} from "../src/components/synth/synthesize.js";
import {resolveDataset} from "../src/data/dataset.js";
import {readDataset} from "../src/data/readDataset.js";
import {WASM_PATH} from "../scripts/lib/wasmPath.js";
import {parseCli} from "../scripts/parseCli.js";

const {dir} = parseCli<{dir?: string}>(
  {dir: {type: "string"}},
  "usage: npm run bench:similar [-- --dir FOLDER]\n" +
    "  --dir FOLDER   a MovieLens release folder; default: the site's synthetic set\n"
);
const loaded = dir
  ? await readDataset(await resolveDataset({env: {MOVIELENS_DIR: dir}}), (m) => console.error(m), {cacheDir: null})
  : null;
const data = loaded ? null : synthesize(SITE_SYNTH);
const genres = loaded ? loaded.movies.map((m) => m.genres) : data!.movies.map((m) => m.genres);
const table = loaded
  ? loaded.ratings
  : indexRatings(
      data!.movies.map((m) => m.id),
      [data!.ratings]
    );
const movies = table.movieIds.length;
const counts = new Uint32Array(movies);
for (const m of table.movie) ++counts[m];
const queries = [...counts.keys()]
  .filter((m) => counts[m] >= SIMILAR_MIN_RATINGS)
  .sort((a, b) => counts[b] - counts[a])
  .slice(0, 500);

await pickBackend("wasm", {wasmPath: WASM_PATH});
const {factors, seed, epochs, lrMax, wd, bs} = TRAIN_DEFAULTS;
const model = buildModel({users: table.userIds.length, movies, factors, seed});
await fit(model, table, {epochs, lrMax, wd, bs, seed});
const weights = modelWeights(await encodeCheckpoint(model, table));
model.dispose();
const ials = fitIals(table, table.userIds.length, movies, undefined, ialsOptionsFor(table.rating2.length));

console.log(
  `${dir ?? "the site's synthetic set"}: ${queries.length} queries; the share of their 10 nearest neighbours ` +
    `(cosine of factor vectors) that share a genre with them, by the fewest ratings a neighbour needs`
);
console.log("| minimum ratings | EmbeddingDotBias | iALS |\n|---|---|---|");
const top20 = queries.slice(0, 20);
for (const minRatings of [0, 5, 10, SIMILAR_MIN_RATINGS, 50, 100]) {
  const options = {n: 10, minRatings, counts};
  const cosine = (f: Float32Array, d: number) => (q: number) => similarMovies(f, d, q, options);
  const agree = (near: (q: number) => SimilarMovie[]) => genreAgreement(genres, queries, near).toFixed(3);
  console.log(
    `| ${minRatings}${minRatings === SIMILAR_MIN_RATINGS ? " (default)" : ""} | ` +
      `${agree(cosine(weights.movieFactors, weights.factors))} | ${agree(cosine(ials.movieFactors, ials.factors))} |`
  );
  if (minRatings === SIMILAR_MIN_RATINGS) {
    const agree20 = (near: (q: number) => SimilarMovie[]) => genreAgreement(genres, top20, near).toFixed(3);
    console.log(
      `| ${minRatings}, the 20 most rated movies only | ${agree20(cosine(weights.movieFactors, weights.factors))} | ` +
        `${agree20(cosine(ials.movieFactors, ials.factors))} |`
    );
  }
}
