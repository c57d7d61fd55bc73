import * as tf from "@tensorflow/tfjs";
import type {CollabModel} from "./buildModel.js";

/** The model's predictions for (user, movie) index pairs, as a tensor the caller disposes. */
export function predictPairs(model: CollabModel, users: Int32Array, movies: Int32Array): tf.Tensor1D {
  const [lo, hi] = model.yRange;
  return tf.tidy(() => {
    const u = tf.tensor1d(users, "int32"), m = tf.tensor1d(movies, "int32");
    const {userFactors, movieFactors, userBias, movieBias} = model.weights;
    const x = tf.add(tf.add(tf.sum(tf.mul(tf.gather(userFactors, u), tf.gather(movieFactors, m)), 1), tf.gather(userBias, u)), tf.gather(movieBias, m));
    return tf.add(tf.mul(tf.sigmoid(x), hi - lo), lo) as tf.Tensor1D;
  });
}

/** Predicts one user's rating of every movie, in movie-index order, with one matrix-vector product on the backend. */
export async function predictUser(model: CollabModel, user: number): Promise<Float32Array> {
  if (!(Number.isSafeInteger(user) && user >= 0 && user < model.users)) throw new RangeError(`predictUser: user index ${user} is outside 0…${model.users - 1}`);
  const [lo, hi] = model.yRange;
  const out = tf.tidy(() => {
    const {userFactors, movieFactors, userBias, movieBias} = model.weights;
    const row = tf.slice(userFactors, [user, 0], [1, model.factors]);
    const x = tf.add(tf.add(tf.reshape(tf.matMul(movieFactors, row, false, true), [model.movies]), movieBias), tf.slice(userBias, [user], [1]));
    return tf.add(tf.mul(tf.sigmoid(x), hi - lo), lo);
  });
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}
