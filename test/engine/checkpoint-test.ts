import * as tf from "@tensorflow/tfjs";
import {mkdtemp, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {TABLES, buildModel} from "../../src/components/engine/buildModel.js";
import type {CollabModel} from "../../src/components/engine/buildModel.js";
import {encodeCheckpoint, restoreModel} from "../../src/components/engine/checkpoint.js";
import {decodeCheckpoint} from "../../src/components/model/checkpointFormat.js";
import {fit} from "../../src/components/engine/fit.js";
import {loadCheckpoint, saveCheckpoint} from "../support/checkpointFile.js";
import {synthTable} from "../support/synthTable.js";
import {useBackend} from "../support/tf.js";

const {table} = synthTable({users: 200, movies: 100, ratings: 8000, seed: 1});
// Another dataset: other users and other movies.
const other = synthTable({users: 150, movies: 120, ratings: 8000, seed: 2}).table;
const newModel = () => buildModel({users: table.userIds.length, movies: table.movieIds.length, factors: 8, seed: 1});
const options = {epochs: 2, bs: 64, lrMax: 1e-2, seed: 3};
const state = (model: CollabModel) =>
  Object.fromEntries(
    TABLES.flatMap((k) => [
      [k, model.weights[k].dataSync().slice()],
      [`m.${k}`, model.gradAvg[k].dataSync().slice()],
      [`v.${k}`, model.sqrAvg[k].dataSync().slice()]
    ])
  );
let dir: string;

beforeAll(async () => {
  await useBackend("wasm");
  dir = await mkdtemp(join(tmpdir(), "checkpoint-test-"));
});
afterAll(() => rm(dir, {recursive: true, force: true}));

describe("encodeCheckpoint(model, table) and restoreModel(bytes, table)", () => {
  it("resumes exactly: 2 epochs straight equal 1 epoch, save, load, 1 more", async () => {
    const straight = newModel();
    await fit(straight, table, options);
    const first = newModel();
    await fit(first, table, {...options, untilEpoch: 1});
    const path = join(dir, "one-epoch.ckpt");
    await saveCheckpoint(path, first, table);
    first.dispose();
    const resumed = await loadCheckpoint(path, table);
    expect(resumed.training).toMatchObject({
      epochs: 2,
      step: resumed.training!.stepsPerEpoch,
      lrMax: 1e-2,
      bs: 64,
      seed: 3
    });
    const history = await fit(resumed, table, options);
    expect(history.length).toBe(2);
    expect(state(resumed)).toEqual(state(straight));
    expect(resumed.adamStep).toBe(straight.adamStep);
    expect(history.map((r) => [r.trainLoss, r.validLoss])).toEqual(
      straight.training!.history.map((r) => [r.trainLoss, r.validLoss])
    );
    straight.dispose();
    resumed.dispose();
  });

  it("holds a versioned header with the hyperparameters, fingerprint and id maps", async () => {
    const model = newModel();
    await fit(model, table, {...options, untilEpoch: 1});
    const {header, arrays} = decodeCheckpoint(await encodeCheckpoint(model, table));
    expect(header).toMatchObject({
      format: "movielens-workbook-checkpoint",
      version: 1,
      model: {users: 200, factors: 8, yRange: [0.5, 5.5]},
      training: {lrMax: 1e-2, wd: 0.01, mode: "sparse"}
    });
    expect(header.dataset.fingerprint).toMatch(/^fnv1a32:/);
    expect(header.training!.history.length).toBe(1);
    expect(arrays.get("userIds")).toEqual(table.userIds);
    expect(arrays.get("movieIds")).toEqual(table.movieIds);
    model.dispose();
  });

  it("refuses a checkpoint made on another dataset, creating nothing", async () => {
    const model = newModel();
    const bytes = await encodeCheckpoint(model, table);
    model.dispose();
    const before = tf.memory().numTensors;
    expect(() => restoreModel(bytes, other)).toThrow(
      /trained on another dataset: it knows 100 movies and the loaded dataset has 120.*nothing was loaded/
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it("resumes on the same users and movies when the ratings changed, with a note on how", async () => {
    const model = newModel();
    const bytes = await encodeCheckpoint(model, table, {name: "A", catalogue: "c"});
    model.dispose();
    const changed = {...table, rating2: table.rating2.map((r, i) => (i === 5 ? (r === 10 ? 9 : r + 1) : r))};
    const notes: string[] = [];
    const resumed = restoreModel(bytes, changed, {name: "A", catalogue: "c"}, notes);
    expect(notes.join(" ")).toMatch(/Other users' ratings differ/);
    expect(resumed.users).toBe(table.userIds.length);
    resumed.dispose();
  });

  it("detects a corrupt or truncated file, creating nothing", async () => {
    const model = newModel();
    const path = join(dir, "good.ckpt");
    await saveCheckpoint(path, model, table);
    model.dispose();
    const bytes = new Uint8Array(await readFile(path));
    const before = tf.memory().numTensors;
    const flipped = bytes.slice();
    flipped[Math.floor(bytes.length * 0.7)] ^= 1;
    await writeFile(join(dir, "flipped.ckpt"), flipped);
    await expect(loadCheckpoint(join(dir, "flipped.ckpt"), table)).rejects.toThrow(
      /corrupt or truncated \(its checksum does not match\)/
    );
    await writeFile(join(dir, "short.ckpt"), bytes.subarray(0, bytes.length - 100));
    await expect(loadCheckpoint(join(dir, "short.ckpt"), table)).rejects.toThrow(/corrupt or truncated/);
    expect(() => restoreModel(new TextEncoder().encode("hello"), table)).toThrow(/not a checkpoint of this workbook/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
