import * as tf from "@tensorflow/tfjs";
import {TABLES} from "./buildModel.js";
import type {CollabModel, TableName, Tables} from "./buildModel.js";
import type {OptimizerStep, RatingRows} from "./hostStep.js";

/**
 * The distinct values of ids and, for each entry, the slot of its value in that list (computed
 * on the CPU, where batches live).
 */
export function uniqueSlots(ids: ArrayLike<number>): {unique: Int32Array; slot: Int32Array} {
  const seen = new Map<number, number>();
  const slot = new Int32Array(ids.length);
  const unique: number[] = [];
  for (let i = 0; i < ids.length; ++i) {
    let s = seen.get(ids[i]);
    if (s === undefined) seen.set(ids[i], (s = unique.push(ids[i]) - 1));
    slot[i] = s;
  }
  return {unique: Int32Array.from(unique), slot};
}

function adamOps(
  p: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  g: tf.Tensor,
  h: OptimizerStep
): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const m2 = tf.add(tf.mul(m, h.mom), tf.mul(g, 1 - h.mom));
  const v2 = tf.add(tf.mul(v, h.sqrMom), tf.mul(tf.square(g), 1 - h.sqrMom));
  const stepSize = h.lr / (1 - h.mom ** h.step);
  const denom = tf.add(tf.mul(tf.sqrt(v2), 1 / Math.sqrt(1 - h.sqrMom ** h.step)), h.eps);
  const p2 = tf.sub(tf.mul(p, 1 - h.lr * h.wd), tf.div(tf.mul(m2, stepSize), denom));
  return [p2, m2, v2];
}

/**
 * One training step built from TF.js ops, for backends whose memory the CPU cannot touch (webgpu, webgl): gather the
 * batch's distinct rows, closed-form gradients summed per row with unsortedSegmentSum, then Adam on those rows written
 * back with tensorScatterUpdate ("sparse"), or on whole tables ("dense"). Replaces the model's tensors; returns the
 * batch's mean squared error as a scalar the caller disposes.
 */
export function opsStep(
  model: CollabModel,
  data: RatingRows,
  rows: Uint32Array,
  h: OptimizerStep,
  mode: "sparse" | "dense" = "sparse"
): tf.Scalar {
  const B = rows.length;
  const users = new Int32Array(B),
    movies = new Int32Array(B),
    y = new Float32Array(B);
  for (let i = 0; i < B; ++i) {
    const r = rows[i];
    users[i] = data.user[r];
    movies[i] = data.movie[r];
    y[i] = data.rating2[r] * 0.5;
  }
  const us = uniqueSlots(users),
    ms = uniqueSlots(movies);
  const [lo, hi] = model.yRange;
  const range = hi - lo;
  const result = tf.tidy(() => {
    const ids: Record<TableName, tf.Tensor1D> = {
      userFactors: tf.tensor1d(us.unique, "int32"),
      movieFactors: tf.tensor1d(ms.unique, "int32"),
      userBias: tf.tensor1d(us.unique, "int32"),
      movieBias: tf.tensor1d(ms.unique, "int32")
    };
    const uSlot = tf.tensor1d(us.slot, "int32"),
      mSlot = tf.tensor1d(ms.slot, "int32");
    const W = model.weights;
    const rowsOf = Object.fromEntries(TABLES.map((k) => [k, tf.gather(W[k], ids[k])])) as Tables<tf.Tensor>;
    const Ub = tf.gather(rowsOf.userFactors, uSlot),
      Mb = tf.gather(rowsOf.movieFactors, mSlot);
    const x = tf.add(
      tf.add(tf.sum(tf.mul(Ub, Mb), 1), tf.gather(rowsOf.userBias, uSlot)),
      tf.gather(rowsOf.movieBias, mSlot)
    );
    const s = tf.sigmoid(x);
    const err = tf.sub(tf.add(tf.mul(s, range), lo), tf.tensor1d(y));
    const loss = tf.mean(tf.square(err)) as tf.Scalar;
    const dz = tf.mul(tf.mul(err, tf.mul(s, tf.sub(1, s))), (2 * range) / B);
    const dzCol = tf.expandDims(dz, 1);
    const grads: Tables<tf.Tensor> = {
      userFactors: tf.unsortedSegmentSum(tf.mul(Mb, dzCol), uSlot, us.unique.length),
      movieFactors: tf.unsortedSegmentSum(tf.mul(Ub, dzCol), mSlot, ms.unique.length),
      userBias: tf.unsortedSegmentSum(dz, uSlot, us.unique.length),
      movieBias: tf.unsortedSegmentSum(dz, mSlot, ms.unique.length)
    };
    const out = {
      loss,
      weights: {} as Tables<tf.Tensor>,
      gradAvg: {} as Tables<tf.Tensor>,
      sqrAvg: {} as Tables<tf.Tensor>
    };
    for (const k of TABLES) {
      if (mode === "dense") {
        const g = tf.unsortedSegmentSum(grads[k], ids[k], W[k].shape[0]);
        [out.weights[k], out.gradAvg[k], out.sqrAvg[k]] = adamOps(W[k], model.gradAvg[k], model.sqrAvg[k], g, h);
      } else {
        const at = tf.expandDims(ids[k], 1);
        const [p, m, v] = adamOps(
          rowsOf[k],
          tf.gather(model.gradAvg[k], ids[k]),
          tf.gather(model.sqrAvg[k], ids[k]),
          grads[k],
          h
        );
        out.weights[k] = tf.tensorScatterUpdate(W[k], at, p);
        out.gradAvg[k] = tf.tensorScatterUpdate(model.gradAvg[k], at, m);
        out.sqrAvg[k] = tf.tensorScatterUpdate(model.sqrAvg[k], at, v);
      }
    }
    return out;
  });
  for (const group of ["weights", "gradAvg", "sqrAvg"] as const) {
    for (const k of TABLES) {
      model[group][k].dispose();
      model[group][k] = result[group][k];
    }
  }
  return result.loss;
}
