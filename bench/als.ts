// npm run bench:als [-- --quick] [--factors 20] [--lambda 0.1] [--fixed] [--iters 6]
// A classic matrix-factorization baseline on the same synthetic sets as `npm run bench`: alternating least squares
// with biases, regularized per rating (ALS-WR, Zhou et al. 2008) or with a fixed penalty (--fixed). It answers "is the
// engine's recipe as good as a standard solver?", by valid MSE on the same 80/20 split,
// beside the floor and the oracle.
import {parseArgs} from "node:util";
import {oracleMse} from "../src/components/synth/oracleMse.js";
import {solveCholesky} from "../src/components/solveCholesky.js";
import {splitRows} from "../src/components/split/splitRows.js";
import {ML10M_SHAPE, SITE_SYNTH, synthesize} from "../src/components/synth/synthesize.js";
import {indexRatings} from "../src/components/movielens/indexRatings.js";
import {TRAIN_DEFAULTS} from "../src/components/trainDefaults.js";

const {values} = parseArgs({
  options: {
    quick: {type: "boolean", default: false},
    factors: {type: "string", default: "20"},
    lambda: {type: "string", default: "0.1"},
    fixed: {type: "boolean", default: false},
    iters: {type: "string", default: "6"}
  }
});
const F = Number(values.factors),
  lambda = Number(values.lambda),
  iters = Number(values.iters);
const shape = values.quick ? SITE_SYNTH : ML10M_SHAPE;
const log = (message: string) => console.error(`[bench:als] ${message}`);

log(`synthesizing ${shape.ratings.toLocaleString("en-US")} ratings…`);
const data = synthesize(shape);
const {user, movie, rating2, userIds, movieIds} = indexRatings(
  data.movies.map((m) => m.id),
  [data.ratings]
);
const split = splitRows(rating2.length, {seed: TRAIN_DEFAULTS.seed});
const floor = data.meta.noiseFloorMse;
const oracle = oracleMse(data, split);
let mean = 0;
for (const r of split.train) mean += rating2[r] / 2 / split.train.length;

/** Training rows grouped by a key (user or movie), as CSR. */
function groupBy(key: Uint32Array, count: number) {
  const start = new Int32Array(count + 1);
  for (const r of split.train) ++start[key[r] + 1];
  for (let i = 0; i < count; ++i) start[i + 1] += start[i];
  const at = start.slice(0, count),
    rows = new Int32Array(split.train.length);
  for (const r of split.train) rows[at[key[r]]++] = r;
  return {start, rows};
}
const byUser = groupBy(user, userIds.length),
  byMovie = groupBy(movie, movieIds.length);

// Each row of a table is [bias, factor 1 … F]; the other side's bias is subtracted from the target.
const P = F + 1;
let seed = 1;
const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.2;
const U = Float64Array.from({length: userIds.length * P}, noise),
  M = Float64Array.from({length: movieIds.length * P}, noise);
const A = new Float64Array(P * P),
  b = new Float64Array(P),
  x = new Float64Array(P),
  theta = new Float64Array(P);

function solveSide(
  self: Float64Array,
  other: Float64Array,
  groups: {start: Int32Array; rows: Int32Array},
  otherKey: Uint32Array
) {
  for (let i = 0; i < groups.start.length - 1; ++i) {
    const n = groups.start[i + 1] - groups.start[i];
    A.fill(0);
    b.fill(0);
    // The bias is penalized a tenth as much as the factors.
    for (let j = 0; j < P; ++j) A[j * P + j] = (values.fixed ? lambda : lambda * n) * (j === 0 ? 0.1 : 1);
    for (let q = groups.start[i]; q < groups.start[i + 1]; ++q) {
      const r = groups.rows[q],
        o = otherKey[r] * P;
      x[0] = 1;
      for (let k = 1; k < P; ++k) x[k] = other[o + k];
      const y = rating2[r] / 2 - mean - other[o];
      for (let a = 0; a < P; ++a) {
        b[a] += x[a] * y;
        for (let c = 0; c <= a; ++c) A[a * P + c] += x[a] * x[c];
      }
    }
    solveCholesky(A, b, P, theta);
    self.set(theta, i * P);
  }
}

function mse(rows: Uint32Array): number {
  let sum = 0;
  for (const r of rows) {
    const uo = user[r] * P,
      mo = movie[r] * P;
    let p = mean + U[uo] + M[mo];
    for (let k = 1; k < P; ++k) p += U[uo + k] * M[mo + k];
    sum += (Math.min(5, Math.max(0.5, p)) - rating2[r] / 2) ** 2;
  }
  return sum / rows.length;
}

const pct = (v: number, of: number) => `${v >= of ? "+" : ""}${((v / of - 1) * 100).toFixed(1)}%`;
console.log(
  `\n${shape.ratings.toLocaleString("en-US")} ratings; ALS${values.fixed ? " (fixed penalty)" : "-WR"}, ` +
    `${F} factors, λ ${lambda}; noise floor ${floor.toFixed(4)}, oracle ${oracle.toFixed(4)}\n`
);
console.log("| iteration | seconds | train MSE | valid MSE | vs floor | vs oracle |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (let it = 1; it <= iters; ++it) {
  const t0 = performance.now();
  solveSide(U, M, byUser, movie);
  solveSide(M, U, byMovie, user);
  const seconds = (performance.now() - t0) / 1000;
  const valid = mse(split.valid);
  console.log(
    `| ${it} | ${seconds.toFixed(1)} | ${mse(split.train).toFixed(4)} | ${valid.toFixed(4)} | ` +
      `${pct(valid, floor)} | ${pct(valid, oracle)} |`
  );
}
