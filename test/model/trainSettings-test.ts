import {describe, expect, expectTypeOf, it} from "vitest";
import type {BackendName, TrainHyper} from "../../src/components/engine/trainProtocol.js";
import {
  BACKEND_CHOICES,
  FASTAI_DEFAULTS,
  SETTING_RANGES,
  TRAIN_DEFAULTS,
  checkMoreEpochs,
  checkTrainSettings,
  modelBytes
} from "../../src/components/model/trainSettings.js";
import type {BackendChoice} from "../../src/components/model/trainSettings.js";

const raw = {factors: "50", epochs: "3", seed: "42", bs: 256, lrMax: 1e-2, wd: 0.1};
const shape = {users: 69_878, movies: 10_677};

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
    expect(errors.factors).toMatch(
      /^n_factors 1,000 would need about 50\.0 GB for the model, its optimizer state and its checkpoint on this dataset \(2,000,000 users, 80,000 movies\), more than the 1\.5 GB a browser can give it\. Try 29 or fewer\.$/
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
  it("is the lazy Adam recipe (lr_max 1e-2, wd 0.1) on collab_learner's n_factors=50, three epochs, seed 42, fastai's random split", () => {
    expect(TRAIN_DEFAULTS).toEqual({factors: 50, bs: 256, epochs: 3, lrMax: 1e-2, wd: 0.1, seed: 42, split: "random"});
    expectTypeOf(TRAIN_DEFAULTS).toMatchTypeOf<TrainHyper>();
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
  it("is fastai's fit_one_cycle defaults (lr_max 1e-3, wd 0.01) with the workbook's bs and seed", () => {
    expect(FASTAI_DEFAULTS).toEqual({bs: 256, lrMax: 1e-3, wd: 0.01, seed: 42});
  });
});

describe("BACKEND_CHOICES", () => {
  it("offers auto, then every backend the engine knows, fastest first", () => {
    expect(BACKEND_CHOICES).toEqual(["auto", "webgpu", "webgl", "wasm", "cpu"]);
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
