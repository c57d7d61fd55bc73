import type {FitState} from "../engine/trainProtocol.js";
import {fnv1a} from "../movielens/datasetFingerprint.js";

// The checkpoint's byte format, apart from TF.js: pages that only read a checkpoint's weights need no TF.js.

/** The first bytes of a checkpoint file. */
export const CHECKPOINT_MAGIC = "MLCKPT01";
export const CHECKPOINT_FORMAT = "movielens-workbook-checkpoint";
export const CHECKPOINT_VERSION = 1;

/** The three tables of every parameter: its weights and Adam's two running averages. */
export type Group = "weights" | "gradAvg" | "sqrAvg";
export const GROUPS: Group[] = ["weights", "gradAvg", "sqrAvg"];

/** What a checkpoint records of the data it was trained on, beyond the id maps stored beside its tables. */
export interface CheckpointDataset {
  /** datasetFingerprint of the whole table, my ratings included. */
  fingerprint: string;
  rows: number;
  /** datasetFingerprint without user 99999's rows: the other users' ratings (absent in older checkpoints). */
  othersFingerprint?: string;
  /** My ratings (user 99999) as [movieId, rating × 2] pairs (absent in older checkpoints). */
  myRatings?: [number, number][];
  /**
   * The catalogue id of the movies (catalogueId) and the dataset's name,
   * when the page said (absent in older checkpoints).
   */
  catalogue?: string;
  name?: string;
}

/** The JSON header of a checkpoint; the tables and id maps follow it as blobs. */
export interface CheckpointHeader {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  savedAt: string;
  model: {users: number; movies: number; factors: number; yRange: [number, number]};
  adamStep: number;
  /** Hyperparameters, schedule position (step of epochs · stepsPerEpoch) and loss history; null if never trained. */
  training: FitState | null;
  dataset: CheckpointDataset;
  blobs: {name: string; type: "f32" | "i32"; offset: number; length: number}[];
}

/** A decoded checkpoint: its header and its arrays by name ("weights.userFactors", "userIds", …). */
export interface Checkpoint {
  header: CheckpointHeader;
  arrays: Map<string, Float32Array | Int32Array>;
}

const align4 = (n: number) => (n + 3) & ~3;

/** Lays out a checkpoint: magic, JSON header (with the blobs' places), the arrays, and an FNV-1a checksum. */
export function encodeCheckpointBytes(
  header: Omit<CheckpointHeader, "blobs">,
  arrays: [string, Float32Array | Int32Array][]
): Uint8Array {
  let offset = 0;
  const blobs = arrays.map(([name, a]) => {
    const blob = {
      name,
      type: a instanceof Float32Array ? ("f32" as const) : ("i32" as const),
      offset,
      length: a.length
    };
    offset += a.byteLength;
    return blob;
  });
  const json = new TextEncoder().encode(JSON.stringify({...header, blobs}));
  const base = align4(12 + json.length);
  const out = new Uint8Array(base + offset + 4);
  out.set(new TextEncoder().encode(CHECKPOINT_MAGIC));
  const view = new DataView(out.buffer);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  for (const [i, [, a]] of arrays.entries())
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), base + blobs[i].offset);
  view.setUint32(out.length - 4, fnv1a(out.subarray(0, out.length - 4)), true);
  return out;
}

/** The error for a damaged checkpoint; loading one changes nothing. */
export function corrupt(why: string): Error {
  return new Error(`This checkpoint is corrupt or truncated (${why}); nothing was loaded.`);
}

/**
 * Decodes and verifies a checkpoint (magic, checksum, format, version, blob bounds);
 * throws a clear Error if it is damaged.
 */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  // A file that does not even start like a checkpoint is another kind of file, not a damaged checkpoint.
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 8)) !== CHECKPOINT_MAGIC)
    throw new Error(
      `This file is not a checkpoint of this workbook (it does not start with ${CHECKPOINT_MAGIC}): ` +
        `choose a .ckpt file downloaded from Save and resume; nothing was loaded.`
    );
  if (bytes.length < 16) throw corrupt("it ends after its first bytes");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(bytes.length - 4, true) !== fnv1a(bytes.subarray(0, bytes.length - 4)))
    throw corrupt("its checksum does not match");
  const jsonLength = view.getUint32(8, true);
  if (12 + jsonLength > bytes.length - 4) throw corrupt("its header runs past the end");
  let header: CheckpointHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength)));
  } catch {
    throw corrupt("its header is not JSON");
  }
  if (header.format !== CHECKPOINT_FORMAT)
    throw new Error(
      `This file is not a ${CHECKPOINT_FORMAT} (format ${JSON.stringify(header.format)}); nothing was loaded.`
    );
  if (header.version !== CHECKPOINT_VERSION)
    throw new Error(
      `This checkpoint has version ${header.version}, but this workbook reads version ${CHECKPOINT_VERSION}; ` +
        `nothing was loaded.`
    );
  const base = align4(12 + jsonLength);
  const arrays = new Map<string, Float32Array | Int32Array>();
  for (const {name, type, offset, length} of header.blobs) {
    const start = base + offset,
      end = start + 4 * length;
    if (end > bytes.length - 4) throw corrupt(`blob ${name} runs past the end`);
    const copy = bytes.slice(start, end).buffer; // a copy, so the arrays are aligned and independent of the file
    arrays.set(name, type === "f32" ? new Float32Array(copy) : new Int32Array(copy));
  }
  return {header, arrays};
}
