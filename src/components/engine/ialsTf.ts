// iALS through TF.js ops, for a GPU: the same model and the same steps as model/ials.ts's fitIals (Hu, Koren &
// Volinsky 2008; Rendle et al. 2021; conjugate gradient after Takács, Pilászy & Tikk 2011), but every row's
// conjugate-gradient step at once, as dense products, gathers and segment sums, which webgpu runs on the GPU.
import * as tf from "@tensorflow/tfjs";
import {compressedRows, IALS_DEFAULTS, ialsStart, rowRegularization} from "../model/ials.js";
import type {IalsModel, IalsOptions, IalsRows} from "../model/ials.js";

// Ratings per gather: about 16 million numbers a tensor, so that a large set's gathered factors fit a GPU's memory.
const NUMBERS_PER_CHUNK = 1 << 24;

/** One side's rows as tensors: each rating's row and column, each row's regularisation, and which rows have ratings. */
interface Side {
  count: number;
  chunks: {rowOf: tf.Tensor1D; columns: tf.Tensor1D}[];
  reg: tf.Tensor2D;
  rated: tf.Tensor2D;
}

function sideTensors(
  {start, columns}: {start: Int32Array; columns: Int32Array},
  others: number,
  d: number,
  options: Required<Omit<IalsOptions, "onEpoch">>
): Side {
  const count = start.length - 1;
  const rowOf = new Int32Array(columns.length);
  const reg = new Float32Array(count),
    rated = new Float32Array(count);
  for (let t = 0; t < count; ++t) {
    rowOf.fill(t, start[t], start[t + 1]);
    const n = start[t + 1] - start[t];
    reg[t] = rowRegularization(options, n, others);
    rated[t] = n > 0 ? 1 : 0;
  }
  const size = Math.max(1, Math.floor(NUMBERS_PER_CHUNK / d));
  const chunks = [];
  for (let from = 0; from < columns.length; from += size)
    chunks.push({
      rowOf: tf.tensor1d(rowOf.subarray(from, from + size), "int32"),
      columns: tf.tensor1d(columns.subarray(from, from + size), "int32")
    });
  return {count, chunks, reg: tf.tensor2d(reg, [count, 1]), rated: tf.tensor2d(rated, [count, 1])};
}

function disposeSide(side: Side): void {
  for (const c of side.chunks) tf.dispose([c.rowOf, c.columns]);
  tf.dispose([side.reg, side.rated]);
}

/**
 * Every row of one side solved with the other side fixed, as fitIals's RowSolver does row by row: the system
 * (α₀ OᵀO + Σⱼ oⱼoⱼᵀ + λₜI) x = Σⱼ oⱼ, by `steps` conjugate-gradient steps from the current factors `x0`, all rows
 * at once.
 */
function solveSide(x0: tf.Tensor2D, other: tf.Tensor2D, side: Side, a0: number, steps: number): tf.Tensor2D {
  return tf.tidy(() => {
    const gram = tf.matMul(other, other, true, false).mul(a0);
    // Σⱼ oⱼ (oⱼ · v) over each row's ratings, chunk by chunk.
    const rated = (v: tf.Tensor2D) =>
      side.chunks
        .map(({rowOf, columns}) => {
          const o = tf.gather(other, columns);
          const dot = o.mul(tf.gather(v, rowOf)).sum(1, true);
          return tf.unsortedSegmentSum(o.mul(dot), rowOf, side.count) as tf.Tensor2D;
        })
        .reduce((a, b) => a.add(b));
    const apply = (v: tf.Tensor2D) => tf.matMul(v, gram).add(v.mul(side.reg)).add(rated(v)) as tf.Tensor2D;
    const b = side.chunks
      .map(({rowOf, columns}) => tf.unsortedSegmentSum(tf.gather(other, columns), rowOf, side.count) as tf.Tensor2D)
      .reduce((a, c) => a.add(c));
    let x = x0.mul(side.rated) as tf.Tensor2D;
    let r = b.sub(apply(x)) as tf.Tensor2D;
    let p = r;
    let rs = r.square().sum(1, true);
    for (let step = 0; step < steps; ++step) {
      const ap = apply(p);
      const pap = p.mul(ap).sum(1, true);
      // A row whose residual vanished (or that has no rating) stops: its step is 0.
      const alpha = tf.where(pap.greater(0), rs.div(tf.maximum(pap, 1e-30)), tf.zerosLike(pap));
      x = x.add(p.mul(alpha)) as tf.Tensor2D;
      r = r.sub(ap.mul(alpha)) as tf.Tensor2D;
      const next = r.square().sum(1, true);
      const beta = tf.where(rs.greater(1e-20), next.div(tf.maximum(rs, 1e-30)), tf.zerosLike(rs));
      p = r.add(p.mul(beta)) as tf.Tensor2D;
      rs = next;
    }
    return x.mul(side.rated) as tf.Tensor2D;
  });
}

/**
 * Fits iALS as fitIals does (same options, same start, same updates, summed in float32), with TF.js ops on the
 * backend in use: on webgpu, on the GPU. Resolves to the same model shape; frees every tensor it made.
 */
export async function fitIalsTf(
  rows: IalsRows,
  users: number,
  movies: number,
  train?: ArrayLike<number>,
  options: IalsOptions = {}
): Promise<IalsModel> {
  const {onEpoch, ...given} = options;
  const o = {...IALS_DEFAULTS, ...given};
  const d = o.factors;
  const start = ialsStart(users, movies, o);
  const byUser = sideTensors(compressedRows(rows.user, rows.movie, users, train), movies, d, o);
  const byMovie = sideTensors(compressedRows(rows.movie, rows.user, movies, train), users, d, o);
  let u = tf.tensor2d(start.userFactors, [users, d]);
  let m = tf.tensor2d(start.movieFactors, [movies, d]);
  try {
    for (let epoch = 1; epoch <= o.epochs; ++epoch) {
      const t0 = performance.now();
      const nextU = solveSide(u, m, byUser, o.unobservedWeight, o.cgSteps);
      u.dispose();
      u = nextU;
      const nextM = solveSide(m, u, byMovie, o.unobservedWeight, o.cgSteps);
      m.dispose();
      m = nextM;
      await m.data(); // the epoch's work is done when its result can be read
      onEpoch?.(epoch, (performance.now() - t0) / 1000);
    }
    const [userFactors, movieFactors] = (await Promise.all([u.data(), m.data()])) as Float32Array[];
    return {factors: d, userFactors, movieFactors, options: o};
  } finally {
    tf.dispose([u, m]);
    disposeSide(byUser);
    disposeSide(byMovie);
  }
}
