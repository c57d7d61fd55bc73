import {beforeAll, describe, expect, it} from "vitest";
import {buildModel} from "../../src/components/engine/buildModel.js";
import {meanSquaredError} from "../../src/components/engine/meanSquaredError.js";
import {useBackend} from "../support/tf.js";

beforeAll(() => useBackend("wasm"));

describe("meanSquaredError(model, data, rows, {ops})", () => {
  // A fresh model predicts ≈ 3 (x ≈ 0), so the MSE is about the mean of (3 - y)².
  const data = {
    user: Uint32Array.of(0, 1, 2, 0),
    movie: Uint32Array.of(0, 1, 1, 2),
    rating2: Uint8Array.of(2, 10, 6, 8)
  };
  it("averages the squared errors over the given rows, on host memory and with TF.js ops alike", async () => {
    const model = buildModel({users: 3, movies: 3, factors: 4});
    const host = await meanSquaredError(model, data, Uint32Array.of(0, 1, 3));
    const ops = await meanSquaredError(model, data, Uint32Array.of(0, 1, 3), {ops: true});
    expect(host).toBeCloseTo((4 + 4 + 1) / 3, 1);
    expect(ops).toBeCloseTo(host, 5);
    expect(await meanSquaredError(model, data, new Uint32Array(0))).toBeNaN();
    model.dispose();
  });
  it("handles more rows than one chunk", async () => {
    const n = 70_000;
    const big = {user: new Uint32Array(n), movie: new Uint32Array(n), rating2: new Uint8Array(n).fill(6)};
    const rows = Uint32Array.from({length: n}, (_, i) => i);
    const model = buildModel({users: 1, movies: 1, factors: 2});
    expect(await meanSquaredError(model, big, rows, {ops: true})).toBeCloseTo(
      await meanSquaredError(model, big, rows),
      6
    );
    model.dispose();
  });
});
