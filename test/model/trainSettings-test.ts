import {describe, expect, expectTypeOf, it} from "vitest";
import {uploadedCheckpointInfo} from "../../src/components/browser/uploadedCheckpoint.js";
import {readTrainPreset} from "../../src/components/browser/trainPreset.js";
import {chooseBackend} from "../../src/components/engine/backend.js";
import {buildModel} from "../../src/components/engine/buildModel.js";
import {encodeCheckpoint} from "../../src/components/engine/checkpoint.js";
import {divergenceNote} from "../../src/components/engine/divergenceNote.js";
import {LAZY_ADAM_RECIPE, fit} from "../../src/components/engine/fit.js";
import type {BackendName, TrainHyper} from "../../src/components/engine/trainProtocol.js";
import {modelWeights} from "../../src/components/model/modelWeights.js";
import {
  BACKEND_CHOICES,
  BATCH_SIZES,
  FASTAI_DEFAULTS,
  SETTING_RANGES,
  TRAIN_DEFAULTS,
  checkMoreEpochs,
  checkTrainSettings,
  modelBytes
} from "../../src/components/model/trainSettings.js";
import type {BackendChoice} from "../../src/components/model/trainSettings.js";
import {useBackend} from "../support/tf.js";

const raw = {factors: "50", epochs: "3", seed: "42", bs: 256, lrMax: 1e-2, wd: 0.1};
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

describe("checkTrainSettings(raw, {users, movies})", () => {
  it("returns exactly what the inputs show", () => {
    expect(checkTrainSettings(raw, shape)).toEqual({
      settings: {factors: 50, bs: 256, epochs: 3, lrMax: 1e-2, wd: 0.1, seed: 42},
      errors: {}
    });
    expect(checkTrainSettings({...raw, epochs: 20, factors: " 100 "}, shape).settings).toMatchObject({
      epochs: 20,
      factors: 100
    });
  });
  it("refuses what it would otherwise rewrite, with the allowed range (0, 2.7, −5, 1000 epochs, empty)", () => {
    const errors = (r: Partial<typeof raw>) => checkTrainSettings({...raw, ...r}, shape);
    expect(errors({factors: "0"})).toEqual({
      settings: null,
      errors: {factors: "n_factors must be a whole number from 1 to 1,000; 0 is out of range."}
    });
    expect(errors({factors: "2.7"}).errors.factors).toBe(
      "n_factors must be a whole number from 1 to 1,000; “2.7” is not."
    );
    expect(errors({factors: "-5"}).errors.factors).toBe(
      "n_factors must be a whole number from 1 to 1,000; -5 is out of range."
    );
    expect(errors({epochs: "1000"}).errors.epochs).toBe(
      "Epochs must be a whole number from 1 to 100; 1,000 is out of range."
    );
    expect(errors({seed: ""}).errors.seed).toBe("Seed is empty: type a whole number from 0 to 2,147,483,647.");
  });
  it("refuses a model that cannot fit in the browser, with an estimate of what it needs", () => {
    const {errors} = checkTrainSettings({...raw, factors: "1000"}, {users: 2_000_000, movies: 80_000});
    expect(errors.factors).toBe(
      "n_factors 1,000 would need about 50.0 GB for the model, its optimizer state and its checkpoint " +
        "on this dataset (2,000,000 users, 80,000 movies), more than the 1.5 GB a browser can give it. Try 29 or fewer."
    );
    // n_factors 100000 on MovieLens 10M's shape, which failed with a raw "Array buffer allocation failed".
    expect(checkTrainSettings({...raw, factors: "100000"}, {users: 69_879, movies: 10_681}).errors.factors).toMatch(
      /^n_factors 100,000 would need about 193\.3 GB .*Try 774 or fewer\.$/
    );
    expect(modelBytes({users: 2_000_000, movies: 80_000, factors: 29})).toBeLessThanOrEqual(1.5e9);
    expect(modelBytes({users: 2_000_000, movies: 80_000, factors: 30})).toBeGreaterThan(1.5e9);
  });
});

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

describe("BACKEND_CHOICES", () => {
  it("offers auto, then every backend the engine knows, fastest first", async () => {
    // Fake backends that log each start: none starts, so auto tries every one, in its order.
    const tried: BackendName[] = [];
    const none = {probe: async () => null, start: async (name: BackendName) => (tried.push(name), false)};
    await expect(chooseBackend("auto", none)).rejects.toThrow("No TF.js backend could start");
    expect(BACKEND_CHOICES).toEqual(["auto", ...tried]);
    // Every choice is one chooseBackend takes: auto starts the first that runs, a name starts that backend only.
    for (const choice of BACKEND_CHOICES) {
      const started: BackendName[] = [];
      const any = {probe: async () => null, start: async (name: BackendName) => (started.push(name), true)};
      const expected = choice === "auto" ? "webgpu" : choice;
      expect(await chooseBackend(choice, any)).toEqual({backend: expected, skipped: [], software: null});
      expect(started).toEqual([expected]);
    }
    expectTypeOf<BackendChoice>().toEqualTypeOf<BackendName | "auto">();
  });
});

describe("checkMoreEpochs(typed)", () => {
  it("takes a whole number from 1 to 100 as typed, a leading + and spaces allowed", () => {
    expect(checkMoreEpochs("2")).toEqual({epochs: 2, error: ""});
    expect(checkMoreEpochs(" +100 ")).toEqual({epochs: 100, error: ""});
    expect(checkMoreEpochs(1)).toEqual({epochs: 1, error: ""});
  });
  it("refuses anything else, never rounding or clamping, and says why", () => {
    expect(checkMoreEpochs("1.5")).toEqual({
      epochs: null,
      error: "More epochs must be a whole number from 1 to 100; “1.5” is not."
    });
    for (const typed of ["0", "101", "-2", "", "two"]) expect(checkMoreEpochs(typed).epochs).toBeNull();
    expect(checkMoreEpochs(" ").error).toBe("More epochs must be a whole number from 1 to 100; “” is not.");
  });
});
