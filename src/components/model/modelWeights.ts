import {FASTAI_DEFAULTS} from "../trainDefaults.js";
import {decodeCheckpoint} from "./checkpointFormat.js";

/** A trained model's tables as plain arrays, for predictions in the page without TF.js. */
export interface ModelWeights {
  users: number;
  movies: number;
  factors: number;
  yRange: [number, number];
  /** The catalogue id of the movies it was trained on (catalogueId), when its checkpoint records it. */
  catalogue: string | null;
  /** The weight decay it was trained with, which sets the fold-in's regularization. */
  wd: number;
  userIds: Int32Array;
  movieIds: Int32Array;
  userFactors: Float32Array;
  movieFactors: Float32Array;
  userBias: Float32Array;
  movieBias: Float32Array;
}

/** Reads a checkpoint's weights (it is verified first: a damaged file throws a clear Error). */
export function modelWeights(bytes: ArrayBuffer | Uint8Array): ModelWeights {
  const {header, arrays} = decodeCheckpoint(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  const get = (name: string) => {
    const a = arrays.get(name);
    if (!a) throw new Error(`This checkpoint lacks ${name}.`);
    return a;
  };
  return {
    ...header.model,
    catalogue: header.dataset.catalogue ?? null,
    wd: header.training?.wd ?? FASTAI_DEFAULTS.wd,
    userIds: get("userIds") as Int32Array,
    movieIds: get("movieIds") as Int32Array,
    userFactors: get("weights.userFactors") as Float32Array,
    movieFactors: get("weights.movieFactors") as Float32Array,
    userBias: get("weights.userBias") as Float32Array,
    movieBias: get("weights.movieBias") as Float32Array
  };
}

/**
 * True when a model was trained on these movies (same ids, same order, and the same catalogue when both are known),
 * so its movie indexes mean the same movies: two datasets whose ids collide are told apart by their catalogue.
 */
export function modelMatches(
  weights: ModelWeights,
  movies: readonly {id: number}[],
  catalogue: string | null = null
): boolean {
  if (weights.catalogue && catalogue && weights.catalogue !== catalogue) return false;
  return weights.movieIds.length === movies.length && movies.every((m, i) => weights.movieIds[i] === m.id);
}
