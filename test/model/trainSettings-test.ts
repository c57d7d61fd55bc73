import {describe, expect, expectTypeOf, it} from "vitest";
import {chooseBackend} from "../../src/components/engine/backend.js";
import type {BackendName} from "../../src/components/engine/trainProtocol.js";
import {
  BACKEND_CHOICES,
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
    // A number box empties text that is not a number: it is said to be empty, as on the Train page.
    expect(checkMoreEpochs(" ").error).toBe("More epochs is empty: type a whole number from 1 to 100.");
  });
});
