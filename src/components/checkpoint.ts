import * as tf from "@tensorflow/tfjs";
import {TABLES, buildModel} from "./buildModel.js";
import type {CollabModel, TrainingState} from "./buildModel.js";
import {datasetFingerprint, fnv1a} from "./datasetFingerprint.js";
import type {RatingsTable} from "./ratingsFile.js";

/** The first bytes of a checkpoint file. */
export const CHECKPOINT_MAGIC = "MLCKPT01";
export const CHECKPOINT_FORMAT = "movielens-workbook-checkpoint";
export const CHECKPOINT_VERSION = 1;

type Group = "weights" | "gradAvg" | "sqrAvg";
const GROUPS: Group[] = ["weights", "gradAvg", "sqrAvg"];

/** The JSON header of a checkpoint; the tables and id maps follow it as blobs. */
export interface CheckpointHeader {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  savedAt: string;
  model: {users: number; movies: number; factors: number; yRange: [number, number]};
  adamStep: number;
  /** Hyperparameters, schedule position (step of epochs · stepsPerEpoch) and loss history; null if never trained. */
  training: TrainingState | null;
  dataset: {fingerprint: string; rows: number};
  blobs: {name: string; type: "f32" | "i32"; offset: number; length: number}[];
}

/** A decoded checkpoint: its header and its arrays by name ("weights.userFactors", "userIds", …). */
export interface Checkpoint {
  header: CheckpointHeader;
  arrays: Map<string, Float32Array | Int32Array>;
}

const align4 = (n: number) => (n + 3) & ~3;

/** Encodes a model, its optimizer state and training state, with the dataset's fingerprint and id maps, into one buffer. */
export async function encodeCheckpoint(model: CollabModel, table: RatingsTable): Promise<Uint8Array> {
  const arrays: [string, Float32Array | Int32Array][] = [];
  for (const group of GROUPS) for (const k of TABLES) arrays.push([`${group}.${k}`, Float32Array.from(await model[group][k].data())]);
  arrays.push(["userIds", table.userIds], ["movieIds", table.movieIds]);
  let offset = 0;
  const blobs = arrays.map(([name, a]) => {
    const blob = {name, type: a instanceof Float32Array ? ("f32" as const) : ("i32" as const), offset, length: a.length};
    offset += a.byteLength;
    return blob;
  });
  const header: CheckpointHeader = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    savedAt: new Date().toISOString(),
    model: {users: model.users, movies: model.movies, factors: model.factors, yRange: [model.yRange[0], model.yRange[1]]},
    adamStep: model.adamStep,
    training: model.training && structuredClone(model.training),
    dataset: {fingerprint: datasetFingerprint(table), rows: table.rating2.length},
    blobs
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const base = align4(12 + json.length);
  const out = new Uint8Array(base + offset + 4);
  out.set(new TextEncoder().encode(CHECKPOINT_MAGIC));
  const view = new DataView(out.buffer);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  for (const [i, [, a]] of arrays.entries()) out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), base + blobs[i].offset);
  view.setUint32(out.length - 4, fnv1a(out.subarray(0, out.length - 4)), true);
  return out;
}

function corrupt(why: string): Error {
  return new Error(`This checkpoint is corrupt or truncated (${why}); nothing was loaded.`);
}

/** Decodes and verifies a checkpoint (magic, checksum, format, version, blob bounds); throws a clear Error if it is damaged. */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== CHECKPOINT_MAGIC) throw corrupt(`it does not start with ${CHECKPOINT_MAGIC}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(bytes.length - 4, true) !== fnv1a(bytes.subarray(0, bytes.length - 4))) throw corrupt("its checksum does not match");
  const jsonLength = view.getUint32(8, true);
  if (12 + jsonLength > bytes.length - 4) throw corrupt("its header runs past the end");
  let header: CheckpointHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength)));
  } catch {
    throw corrupt("its header is not JSON");
  }
  if (header.format !== CHECKPOINT_FORMAT) throw new Error(`This file is not a ${CHECKPOINT_FORMAT} (format ${JSON.stringify(header.format)}); nothing was loaded.`);
  if (header.version !== CHECKPOINT_VERSION) throw new Error(`This checkpoint has version ${header.version}, but this workbook reads version ${CHECKPOINT_VERSION}; nothing was loaded.`);
  const base = align4(12 + jsonLength);
  const arrays = new Map<string, Float32Array | Int32Array>();
  for (const {name, type, offset, length} of header.blobs) {
    const start = base + offset, end = start + 4 * length;
    if (end > bytes.length - 4) throw corrupt(`blob ${name} runs past the end`);
    const copy = bytes.slice(start, end).buffer; // a copy, so the arrays are aligned and independent of the file
    arrays.set(name, type === "f32" ? new Float32Array(copy) : new Int32Array(copy));
  }
  return {header, arrays};
}

/**
 * Rebuilds a model from a checkpoint, on the active backend, after checking that it was made on this dataset
 * (same fingerprint); throws a clear Error and creates nothing otherwise. `fit` with the same options resumes it.
 */
export function restoreModel(bytes: Uint8Array, table: RatingsTable): CollabModel {
  const {header, arrays} = decodeCheckpoint(bytes);
  const fingerprint = datasetFingerprint(table);
  if (header.dataset.fingerprint !== fingerprint) {
    throw new Error(`This checkpoint was trained on another dataset (${header.dataset.rows.toLocaleString("en-US")} ratings, fingerprint ${header.dataset.fingerprint}), not on the loaded one (${table.rating2.length.toLocaleString("en-US")} ratings, fingerprint ${fingerprint}); nothing was loaded.`);
  }
  const {users, movies, factors, yRange} = header.model;
  if (users !== table.userIds.length || movies !== table.movieIds.length) throw corrupt("its table sizes do not match its dataset");
  for (const group of GROUPS) {
    for (const k of TABLES) {
      const a = arrays.get(`${group}.${k}`);
      const size = (k.startsWith("user") ? users : movies) * (k.endsWith("Factors") ? factors : 1);
      if (!(a instanceof Float32Array) || a.length !== size) throw corrupt(`${group}.${k} is missing or the wrong size`);
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
