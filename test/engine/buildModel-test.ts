import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {TABLES, buildModel} from "../../src/components/engine/buildModel.js";
import {useBackend} from "../support/tf.js";

beforeAll(() => useBackend("cpu"));

describe("buildModel({users, movies, factors, yRange, seed})", () => {
  it("builds EmbeddingDotBias's four tables and zeroed Adam state", () => {
    const model = buildModel({users: 30, movies: 20, factors: 4});
    expect(model.weights.userFactors.shape).toEqual([30, 4]);
    expect(model.weights.movieFactors.shape).toEqual([20, 4]);
    expect(model.weights.userBias.shape).toEqual([30]);
    expect(model.weights.movieBias.shape).toEqual([20]);
    for (const k of TABLES) {
      expect(model.gradAvg[k].shape).toEqual(model.weights[k].shape);
      expect([...model.sqrAvg[k].dataSync()].every((x) => x === 0)).toBe(true);
    }
    expect(model.yRange).toEqual([0.5, 5.5]);
    expect(model.adamStep).toBe(0);
    expect(model.training).toBeNull();
    model.dispose();
  });
  it("initialises weights as fastai does: normal(0, 1) wrapped into (-2, 2) by fmod, times 0.01", () => {
    const model = buildModel({users: 2000, movies: 1000, factors: 20, seed: 1});
    const w = model.weights.userFactors.dataSync();
    let sum = 0,
      sq = 0,
      max = 0;
    for (const x of w) {
      sum += x;
      sq += x * x;
      max = Math.max(max, Math.abs(x));
    }
    expect(Math.abs(sum / w.length)).toBeLessThan(2e-4);
    // fmod folds the tails back in, so the std is 0.866·0.01 (torch.randn(4e6).fmod_(2).std() = 0.8659), not 0.01.
    expect(Math.sqrt(sq / w.length)).toBeGreaterThan(0.0084);
    expect(Math.sqrt(sq / w.length)).toBeLessThan(0.0089);
    expect(max).toBeLessThan(0.02);
    model.dispose();
  });
  it("is reproducible from its seed", () => {
    const a = buildModel({users: 5, movies: 5, factors: 3, seed: 7}),
      b = buildModel({users: 5, movies: 5, factors: 3, seed: 7});
    expect(a.weights.movieFactors.dataSync()).toEqual(b.weights.movieFactors.dataSync());
    a.dispose();
    b.dispose();
  });
  it("disposes every tensor it made", () => {
    const before = tf.memory().numTensors;
    buildModel({users: 5, movies: 5}).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
  it("rejects bad sizes with a TypeError", () => {
    expect(() => buildModel({users: 0, movies: 5})).toThrow(TypeError);
    expect(() => buildModel({users: 5, movies: 5, yRange: [5, 1]})).toThrow(TypeError);
  });
});
