import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {buildModel} from "../../src/components/engine/buildModel.js";
import {predictPairs, predictUser} from "../../src/components/engine/predict.js";
import {useBackend} from "../support/tf.js";

async function tinyModel() {
  const model = buildModel({users: 2, movies: 3, factors: 2});
  const set = (k: "userFactors" | "movieFactors" | "userBias" | "movieBias", values: number[]) => {
    model.weights[k].dispose();
    model.weights[k] = tf.tensor(values, k.endsWith("Factors") ? [values.length / 2, 2] : [values.length]);
  };
  set("userFactors", [1, 0, 0.5, -1]);
  set("movieFactors", [0.2, 0.3, -1, 2, 0, 0]);
  set("userBias", [0.1, -0.2]);
  set("movieBias", [0, 0.5, -0.5]);
  return model;
}
const rating = (x: number) => 0.5 + 5 / (1 + Math.exp(-x));

for (const backend of ["cpu", "wasm"] as const) {
  describe(`predictUser(model, user) on ${backend}`, () => {
    it("predicts sigmoid(u·m + b_u + b_m)·5 + 0.5 for every movie", async () => {
      await useBackend(backend);
      const model = await tinyModel();
      const before = tf.memory().numTensors;
      const p = await predictUser(model, 1);
      // user 1 = (0.5, -1), bias -0.2
      const expected = [rating(0.1 - 0.3 - 0.2), rating(-0.5 - 2 - 0.2 + 0.5), rating(-0.2 - 0.5)];
      expect(p.length).toBe(3);
      p.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 5));
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    });
    it("rejects a user index outside the table", async () => {
      const model = await tinyModel();
      await expect(predictUser(model, 2)).rejects.toThrow(RangeError);
      model.dispose();
    });
  });
}

describe("predictPairs(model, users, movies)", () => {
  it("predicts each (user, movie) pair", async () => {
    await useBackend("cpu");
    const model = await tinyModel();
    const t = predictPairs(model, Int32Array.of(0, 1), Int32Array.of(1, 0));
    const p = await t.data();
    t.dispose();
    expect(p[0]).toBeCloseTo(rating(-1 + 0.1 + 0.5), 5);
    expect(p[1]).toBeCloseTo(rating(0.1 - 0.3 - 0.2), 5);
    model.dispose();
  });
});
