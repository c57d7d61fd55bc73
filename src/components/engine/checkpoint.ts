import * as tf from "@tensorflow/tfjs";
import {TABLES, buildModel} from "./buildModel.js";
import type {CollabModel} from "./buildModel.js";
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  GROUPS,
  corrupt,
  decodeCheckpoint,
  encodeCheckpointBytes
} from "../model/checkpointFormat.js";
import {checkpointDataset, checkpointMatch} from "../model/checkpointMatch.js";
import type {DatasetContext} from "../model/checkpointMatch.js";
import type {RatingsTable} from "../movielens/ratingsFile.js";

/**
 * Encodes a model, its optimizer state and training state, with what it was trained on (the dataset's fingerprints,
 * my ratings, the catalogue and name in `context`, and the id maps), into one buffer.
 */
export async function encodeCheckpoint(
  model: CollabModel,
  table: RatingsTable,
  context: DatasetContext = {}
): Promise<Uint8Array> {
  const arrays: [string, Float32Array | Int32Array][] = [];
  for (const group of GROUPS)
    for (const k of TABLES) arrays.push([`${group}.${k}`, Float32Array.from(await model[group][k].data())]);
  arrays.push(["userIds", table.userIds], ["movieIds", table.movieIds]);
  return encodeCheckpointBytes(
    {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      savedAt: new Date().toISOString(),
      model: {
        users: model.users,
        movies: model.movies,
        factors: model.factors,
        yRange: [model.yRange[0], model.yRange[1]]
      },
      adamStep: model.adamStep,
      training: model.training && structuredClone(model.training),
      dataset: checkpointDataset(table, context)
    },
    arrays
  );
}

/**
 * Rebuilds a model from a checkpoint, on the active backend, after checking that it was made on the same users and
 * movies (checkpointMatch): my ratings may have changed since, and `notes` receives how. Throws an Error that says
 * what differs, and creates nothing, when it cannot resume. `fit` with the same options resumes it.
 */
export function restoreModel(
  bytes: Uint8Array,
  table: RatingsTable,
  context: DatasetContext = {},
  notes: string[] = []
): CollabModel {
  const {header, arrays} = decodeCheckpoint(bytes);
  notes.push(...checkpointMatch(header, arrays, table, context).notes);
  const {users, movies, factors, yRange} = header.model;
  if (users !== table.userIds.length || movies !== table.movieIds.length)
    throw corrupt("its table sizes do not match its dataset");
  for (const group of GROUPS) {
    for (const k of TABLES) {
      const a = arrays.get(`${group}.${k}`);
      const size = (k.startsWith("user") ? users : movies) * (k.endsWith("Factors") ? factors : 1);
      if (!(a instanceof Float32Array) || a.length !== size)
        throw corrupt(`${group}.${k} is missing or the wrong size`);
    }
  }
  const model = buildModel({users, movies, factors, yRange});
  for (const group of GROUPS) {
    for (const k of TABLES) {
      const old = model[group][k];
      model[group][k] = tf.tensor(arrays.get(`${group}.${k}`)!, old.shape, "float32");
      old.dispose();
    }
  }
  model.adamStep = header.adamStep;
  model.training = header.training;
  return model;
}
