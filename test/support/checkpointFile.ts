import {readFile, writeFile} from "node:fs/promises";
import type {CollabModel} from "../../src/components/engine/buildModel.js";
import {encodeCheckpoint, restoreModel} from "../../src/components/engine/checkpoint.js";
import type {RatingsTable} from "../../src/components/movielens/ratingsFile.js";

/** Saves a model's checkpoint to a file. */
export async function saveCheckpoint(path: string, model: CollabModel, table: RatingsTable): Promise<void> {
  await writeFile(path, await encodeCheckpoint(model, table));
}

/** Loads a checkpoint file into a new model on the active backend, checking it against the dataset. */
export async function loadCheckpoint(path: string, table: RatingsTable): Promise<CollabModel> {
  return restoreModel(new Uint8Array(await readFile(path)), table);
}
