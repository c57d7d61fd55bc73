import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {fitIalsTf} from "../../src/components/engine/ialsTf.js";
import {fitIals, ialsScores} from "../../src/components/model/ials.js";
import {splitRows} from "../../src/components/split/splitRows.js";
import {synthTable} from "../support/synthTable.js";
import {useBackend} from "../support/tf.js";

describe("fitIalsTf(rows, users, movies, train, options)", () => {
  beforeAll(() => useBackend("cpu"));

  it("fits the model fitIals fits, to float32 rounding, and frees its tensors", async () => {
    // Small: TF.js's cpu backend sums segments slowly (webgpu, which this is for, does not).
    const {table} = synthTable({seed: 5, users: 60, movies: 40, ratings: 1500});
    const users = table.userIds.length,
      movies = table.movieIds.length;
    const split = splitRows(table.rating2.length, {seed: 42, validPct: 0.2});
    const options = {factors: 4, epochs: 4};
    const before = tf.memory().numTensors;
    const epochs: number[] = [];
    const gpu = await fitIalsTf(table, users, movies, split.train, {...options, onEpoch: (e) => epochs.push(e)});
    expect(tf.memory().numTensors).toBe(before);
    expect(epochs).toEqual([1, 2, 3, 4]);
    const cpu = fitIals(table, users, movies, split.train, options);
    expect(gpu.options).toEqual(cpu.options);
    let worst = 0;
    for (let i = 0; i < cpu.movieFactors.length; ++i)
      worst = Math.max(worst, Math.abs(gpu.movieFactors[i] - cpu.movieFactors[i]));
    expect(worst).toBeLessThan(1e-3);
    // The same scores, so the same ranking.
    const a = ialsScores(gpu, 3),
      b = ialsScores(cpu, 3);
    for (let i = 0; i < movies; ++i) expect(a[i]).toBeCloseTo(b[i], 3);
  });

  it("keeps users and movies without a training rating at zero, as fitIals does", async () => {
    // Users 0–2 rate movies 0–1; user 3 and movie 2 have none.
    const rows = {user: [0, 0, 1, 1, 2], movie: [0, 1, 0, 1, 1]};
    const model = await fitIalsTf(rows, 4, 3, undefined, {factors: 2, epochs: 3});
    expect([...model.userFactors.subarray(6, 8)]).toEqual([0, 0]);
    expect([...model.movieFactors.subarray(4, 6)]).toEqual([0, 0]);
  });
});
