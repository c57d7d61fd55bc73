import {beforeAll, describe, expect, it} from "vitest";
import * as tf from "@tensorflow/tfjs";
import {timeEngine} from "../../bench/timeEngine.js";
import {synthTable} from "../support/synthTable.js";
import {useBackend} from "../support/tf.js";

const {table} = synthTable({users: 100, movies: 80, ratings: 3000});
const options = {path: "auto", factors: 4, epochs: 2, lrMax: 1e-2, wd: 0.1, bs: 64} as const;

describe("timeEngine(table, options)", () => {
  beforeAll(() => useBackend("cpu"));

  it("times whole epochs: fit's mean epoch time, the steps taken and the last valid MSE", async () => {
    const before = tf.memory().numTensors;
    const t = await timeEngine(table, options);
    expect(t.estimated).toBe(false);
    expect(t.stepsPerEpoch).toBe(37); // 2400 training rows in batches of 64
    expect(t.steps).toBe(74);
    expect(t.validMse).toBeGreaterThan(0);
    expect(t.validMse).toBeLessThan(2);
    expect(t.secondsPerEpoch).toBeGreaterThan(0);
    expect(t.msPerStep).toBeGreaterThan(0);
    expect(t.predictMs).toBeGreaterThanOrEqual(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("with maxSteps, stops there and extrapolates the epoch from the steps it timed, with no MSE", async () => {
    const before = tf.memory().numTensors;
    const t = await timeEngine(table, {...options, path: "ops", maxSteps: 5});
    expect(t).toMatchObject({estimated: true, validMse: null, steps: 5, stepsPerEpoch: 37});
    expect(t.secondsPerEpoch).toBeCloseTo((t.msPerStep * 37) / 1000, 9);
    expect(tf.memory().numTensors).toBe(before);
  });
});
