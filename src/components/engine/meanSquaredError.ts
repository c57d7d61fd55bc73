import * as tf from "@tensorflow/tfjs";
import type {CollabModel} from "./buildModel.js";
import {hostSquaredError, hostTables} from "./hostStep.js";
import type {RatingRows} from "./hostStep.js";
import {predictPairs} from "./predict.js";

const CHUNK = 65536;

/**
 * The exact mean squared error of the model over the given rows: on host memory when it can (unless `ops`),
 * else in chunks of TF.js ops.
 */
export async function meanSquaredError(
  model: CollabModel,
  data: RatingRows,
  rows: Uint32Array,
  {ops = false}: {ops?: boolean} = {}
): Promise<number> {
  if (rows.length === 0) return NaN;
  const [lo, hi] = model.yRange;
  const host = ops ? null : hostTables(model);
  if (host) return hostSquaredError(host.weights, model.factors, lo, hi, data, rows) / rows.length;
  let sum = 0;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.subarray(start, start + CHUNK);
    const users = new Int32Array(chunk.length),
      movies = new Int32Array(chunk.length),
      y = new Float32Array(chunk.length);
    for (let i = 0; i < chunk.length; ++i) {
      users[i] = data.user[chunk[i]];
      movies[i] = data.movie[chunk[i]];
      y[i] = data.rating2[chunk[i]] * 0.5;
    }
    const se = tf.tidy(() => tf.sum(tf.squaredDifference(predictPairs(model, users, movies), tf.tensor1d(y))));
    sum += (await se.data())[0];
    se.dispose();
  }
  return sum / rows.length;
}
