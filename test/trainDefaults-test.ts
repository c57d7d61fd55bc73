import {describe, expect, expectTypeOf, it} from "vitest";
import {uploadedCheckpointInfo} from "../src/components/browser/uploadedCheckpoint.js";
import {readTrainPreset} from "../src/components/browser/trainPreset.js";
import {buildModel} from "../src/components/engine/buildModel.js";
import {encodeCheckpoint} from "../src/components/engine/checkpoint.js";
import {divergenceNote} from "../src/components/engine/divergenceNote.js";
import {LAZY_ADAM_RECIPE, fit} from "../src/components/engine/fit.js";
import {modelWeights} from "../src/components/model/modelWeights.js";
import {BATCH_SIZES, SETTING_RANGES, checkTrainSettings} from "../src/components/model/trainSettings.js";
import {latestFlags} from "../src/components/split/latestFlags.js";
import {splitRows} from "../src/components/split/splitRows.js";
import {FASTAI_DEFAULTS, RECIPE_DEFAULTS, TRAIN_DEFAULTS} from "../src/components/trainDefaults.js";
import type {TrainHyper} from "../src/components/trainDefaults.js";
import {useBackend} from "./support/tf.js";

const shape = {users: 69_878, movies: 10_677};

// 20 users × 10 movies, 400 ratings: 320 training rows, one full batch of 256 per epoch.
const table = {
  user: Uint32Array.from({length: 400}, (_, i) => i % 20),
  movie: Uint32Array.from({length: 400}, (_, i) => (i * 7) % 10),
  rating2: Uint8Array.from({length: 400}, (_, i) => 1 + (i % 10)),
  userIds: Int32Array.from({length: 20}, (_, i) => i + 1),
  movieIds: Int32Array.from({length: 10}, (_, i) => i + 1)
};
/**
 * A model built and trained with no settings at all, as a script or an old page would: buildModel's and fit's defaults.
 */
async function trainedWithNoSettings() {
  await useBackend("cpu");
  const model = buildModel({users: 20, movies: 10});
  await fit(model, table);
  return model;
}

describe("TRAIN_DEFAULTS", () => {
  it(
    "is what the Train page starts from: the lazy Adam recipe (lr_max 1e-2, wd 0.1) on collab_learner's " +
      "n_factors=50, three epochs, seed 42, fastai's random split",
    () => {
      // With nothing stored (or no storage at all), the Train page's inputs show these,
      // and its batch-size select offers the batch size.
      const empty = {getItem: () => null};
      for (const storage of [undefined, empty])
        expect(readTrainPreset(storage)).toEqual({
          factors: 50,
          bs: 256,
          epochs: 3,
          lrMax: 1e-2,
          wd: 0.1,
          seed: 42,
          split: "random"
        });
      expect(BATCH_SIZES).toContain(readTrainPreset(undefined).bs);
      // The engine's sparse-Adam recipe and the hint after a diverged run name the same lr_max and wd.
      expect(LAZY_ADAM_RECIPE).toEqual({lrMax: 1e-2, wd: 0.1});
      const diverged = [{epoch: 0, trainLoss: 5, validLoss: 5, seconds: 1}];
      expect(divergenceNote(diverged, 1, {lrMax: 0.1, wd: 0.1})).toContain("lower lr_max (0.1 is high; try 1e-2)");
      expect(divergenceNote(diverged, 1, {lrMax: 1e-2, wd: 0})).toContain("add some weight decay (try 0.1)");
      expectTypeOf(TRAIN_DEFAULTS).toMatchTypeOf<TrainHyper>();
    }
  );
  it("is what buildModel and fit train with no settings: n_factors 50 for three epochs", async () => {
    const model = await trainedWithNoSettings();
    expect(model.factors).toBe(TRAIN_DEFAULTS.factors);
    expect(model.weights.userFactors.shape).toEqual([20, 50]);
    expect(model.training).toMatchObject({epochs: TRAIN_DEFAULTS.epochs, step: 3, stepsPerEpoch: 1});
    expect(model.training!.history.map((r) => r.epoch)).toEqual([0, 1, 2]);
    model.dispose();
  });
  it("passes checkTrainSettings unchanged, as the Train page shows it", () => {
    const typed = {
      ...TRAIN_DEFAULTS,
      factors: String(TRAIN_DEFAULTS.factors),
      epochs: String(TRAIN_DEFAULTS.epochs),
      seed: String(TRAIN_DEFAULTS.seed)
    };
    expect(checkTrainSettings(typed, shape)).toEqual({settings: {...TRAIN_DEFAULTS}, errors: {}});
    for (const field of Object.keys(SETTING_RANGES) as (keyof typeof SETTING_RANGES)[]) {
      expect(TRAIN_DEFAULTS[field]).toBeGreaterThanOrEqual(SETTING_RANGES[field][0]);
      expect(TRAIN_DEFAULTS[field]).toBeLessThanOrEqual(SETTING_RANGES[field][1]);
    }
  });
});

describe("FASTAI_DEFAULTS", () => {
  it(
    "is fastai's fit_one_cycle defaults (lr_max 1e-3, wd 0.01) with the workbook's bs and seed: " +
      "what fit trains with no settings, and what a checkpoint that records none is read as",
    async () => {
      const model = await trainedWithNoSettings();
      const trained = {bs: 256, lrMax: 1e-3, wd: 0.01, seed: 42};
      expect(model.training).toMatchObject({...trained, validPct: 0.2, mode: "sparse"});
      expect(model.training).toMatchObject(FASTAI_DEFAULTS);
      // The same model saved by an older workbook, which recorded no training settings.
      model.training = null;
      const bytes = await encodeCheckpoint(model, table);
      model.dispose();
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      expect(uploadedCheckpointInfo(buffer, "old.ckpt").hyper).toEqual({
        factors: 50,
        ...trained,
        epochs: 0,
        split: "random"
      });
      // Its fold-in regularization is the weight decay it was trained with.
      expect(modelWeights(bytes).wd).toBe(0.01);
    }
  );
});

describe("RECIPE_DEFAULTS", () => {
  it("is fastai's valid_pct=0.2 and y_range=(0.5, 5.5): what the splits, buildModel and fit use untold", async () => {
    expect(RECIPE_DEFAULTS).toEqual({validPct: 0.2, yRange: [0.5, 5.5]});
    expect(splitRows(1000).valid.length).toBe(200);
    expect(splitRows(1000)).toEqual(splitRows(1000, {seed: TRAIN_DEFAULTS.seed}));
    expect([...latestFlags([0, 0, 0, 0, 0], [1, 2, 3, 4, 5], 1)]).toEqual([0, 0, 0, 0, 1]);
    const model = await trainedWithNoSettings();
    expect(model.yRange).toEqual([0.5, 5.5]);
    expect(model.training).toMatchObject({validPct: 0.2});
    model.dispose();
  });
});
