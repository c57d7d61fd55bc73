import * as tf from "@tensorflow/tfjs";
import type {CollabModel} from "./buildModel.js";
import {hostArray} from "./hostStep.js";
import {predictFor} from "../model/predictRatings.js";

/**
 * The model's predictions for (user, movie) index pairs, as a tensor the caller disposes. This stays in TF.js ops,
 * apart from model/predictRatings.ts's plain-array math: the ops path measures the validation loss with it on the
 * backend (webgpu, webgl), where reading every pair's inputs back to the CPU would stall the GPU.
 */
export function predictPairs(model: CollabModel, users: Int32Array, movies: Int32Array): tf.Tensor1D {
  const [lo, hi] = model.yRange;
  return tf.tidy(() => {
    const u = tf.tensor1d(users, "int32"),
      m = tf.tensor1d(movies, "int32");
    const {userFactors, movieFactors, userBias, movieBias} = model.weights;
    const x = tf.add(
      tf.add(tf.sum(tf.mul(tf.gather(userFactors, u), tf.gather(movieFactors, m)), 1), tf.gather(userBias, u)),
      tf.gather(movieBias, m)
    );
    return tf.add(tf.mul(tf.sigmoid(x), hi - lo), lo) as tf.Tensor1D;
  });
}

/**
 * Predicts one user's rating of every movie, in movie-index order (Float32Array, one per movie), with the same math as
 * the page (model/predictRatings.ts's predictFor) on the model's tables, read in place on cpu and wasm, read back from
 * a GPU. A RangeError for a user index outside the model.
 */
export async function predictUser(model: CollabModel, user: number): Promise<Float32Array> {
  if (!(Number.isSafeInteger(user) && user >= 0 && user < model.users))
    throw new RangeError(`predictUser: user index ${user} is outside 0…${model.users - 1}`);
  const {userFactors, movieFactors, userBias, movieBias} = model.weights;
  const row = tf.tidy(() =>
    tf.concat([
      tf.slice(userFactors, [user, 0], [1, model.factors]).reshape([model.factors]),
      tf.slice(userBias, [user], [1])
    ])
  );
  const mine = (await row.data()) as Float32Array;
  row.dispose();
  // On cpu and wasm, views of the backend's memory (no copy; on wasm, taken after the last TF.js call, as its heap may
  // grow); on a GPU, copies read back.
  const movieF = hostArray(movieFactors) ?? ((await movieFactors.data()) as Float32Array);
  const movieB = hostArray(movieBias) ?? ((await movieBias.data()) as Float32Array);
  return predictFor(movieF, movieB, mine.subarray(0, model.factors), mine[model.factors], {yRange: model.yRange});
}
