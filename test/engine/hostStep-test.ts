import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import type {Tables} from "../../src/components/engine/buildModel.js";
import {pickBackend} from "../../src/components/engine/backend.js";
import {hostArray, hostSquaredError, hostStep, stepWorkspace} from "../../src/components/engine/hostStep.js";
import type {HostTables, OptimizerStep} from "../../src/components/engine/hostStep.js";
import {WASM_PATH} from "../support/tf.js";

const f32 = (...x: number[]) => Float32Array.from(x);
const zeros = (t: Tables<Float32Array>): Tables<Float32Array> => ({
  userFactors: new Float32Array(t.userFactors.length),
  movieFactors: new Float32Array(t.movieFactors.length),
  userBias: new Float32Array(t.userBias.length),
  movieBias: new Float32Array(t.movieBias.length)
});
const tables = (weights: Tables<Float32Array>): HostTables => ({
  weights,
  gradAvg: zeros(weights),
  sqrAvg: zeros(weights)
});
const clone = (t: HostTables): HostTables => structuredClone(t);
const hyper: OptimizerStep & {lo: number; hi: number} = {
  lr: 0.01,
  mom: 0.9,
  sqrMom: 0.99,
  eps: 1e-5,
  wd: 0.1,
  step: 1,
  lo: 0.5,
  hi: 5.5
};

describe("hostStep(tables, data, rows, hyper, workspace, mode)", () => {
  it("takes one step of fastai's Adam with decoupled weight decay, as computed by hand", () => {
    // One user, one movie, two factors, rating 4: x = 0.1·0.3 + 0.2·(-0.1) + 0.05 - 0.02 = 0.04,
    // pred = 0.5 + 5·σ(0.04), err = pred - 4, dz = 2·err·σ(1-σ)·5 = -2.37407; gU = dz·M, gM = dz·U, gb = dz.
    // A first Adam step has grad_avg = 0.1·g, sqr_avg = 0.01·g², and moves p·(1 - lr·wd) by lr·g/(|g| + eps) against g.
    const t = tables({
      userFactors: f32(0.1, 0.2),
      movieFactors: f32(0.3, -0.1),
      userBias: f32(0.05),
      movieBias: f32(-0.02)
    });
    const data = {user: Uint32Array.of(0), movie: Uint32Array.of(0), rating2: Uint8Array.of(8)};
    const loss = hostStep(t, data, Uint32Array.of(0), hyper, stepWorkspace(1, 1, 2, 1));
    expect(loss).toBeCloseTo(0.9025126646847579, 6);
    const expected = {
      userFactors: [
        [0.10989985959593149, -0.07122200731837591, 0.005072574326458798],
        [0.18980042120037793, 0.023740669106125302, 0.0005636193696065332]
      ],
      movieFactors: [
        [0.30969957879962207, -0.023740669106125302, 0.0005636193696065332],
        [-0.0899002106046243, -0.047481338212250604, 0.002254477478426133]
      ],
      userBias: [[0.05994995787836546, -0.23740669106125303, 0.056361936960653315]],
      movieBias: [[-0.00998004212163454, -0.23740669106125303, 0.056361936960653315]]
    };
    for (const [k, rows] of Object.entries(expected) as [keyof typeof expected, number[][]][]) {
      rows.forEach(([p, m, v], i) => {
        expect(t.weights[k][i]).toBeCloseTo(p, 6);
        expect(t.gradAvg[k][i]).toBeCloseTo(m, 6);
        expect(t.sqrAvg[k][i]).toBeCloseTo(v, 7);
      });
    }
  });

  const world = () => {
    // Three users, four movies, three factors; the batch rates movie 1 twice and never touches user 2 or movies 2, 3.
    const w = {
      userFactors: f32(0.1, -0.2, 0.3, 0.05, 0.02, -0.1, 0.4, 0.4, 0.4),
      movieFactors: f32(0.2, 0.1, -0.3, -0.1, 0.3, 0.2, 0.5, 0.5, 0.5, -0.5, 0.1, 0.1),
      userBias: f32(0.1, -0.1, 0.3),
      movieBias: f32(0.0, 0.2, -0.3, 0.4)
    };
    const data = {user: Uint32Array.of(0, 1, 0), movie: Uint32Array.of(1, 1, 0), rating2: Uint8Array.of(9, 3, 6)};
    return {t: tables(w), data, rows: Uint32Array.of(0, 1, 2), ws: stepWorkspace(3, 4, 3, 3)};
  };

  it(
    "agrees with the dense update on the first step: touched rows equal, " + "untouched rows only decayed by 1 - lr·wd",
    () => {
      const a = world(),
        b = world();
      const before = clone(a.t);
      hostStep(a.t, a.data, a.rows, hyper, a.ws, "sparse");
      hostStep(b.t, b.data, b.rows, hyper, b.ws, "dense");
      const decay = 1 - hyper.lr * hyper.wd;
      const touched = {userFactors: [0, 1], userBias: [0, 1], movieFactors: [0, 1], movieBias: [0, 1]};
      for (const k of ["userFactors", "movieFactors", "userBias", "movieBias"] as const) {
        const width = k.endsWith("Factors") ? 3 : 1;
        for (let i = 0; i < a.t.weights[k].length; ++i) {
          const row = Math.floor(i / width);
          if (touched[k].includes(row)) {
            expect(b.t.weights[k][i]).toBe(a.t.weights[k][i]);
            expect(a.t.weights[k][i]).not.toBe(before.weights[k][i]);
          } else {
            expect(a.t.weights[k][i]).toBe(before.weights[k][i]);
            expect(b.t.weights[k][i]).toBeCloseTo(before.weights[k][i] * decay, 7);
          }
        }
      }
    }
  );

  it("moves untouched rows in dense mode only, once they have momentum", () => {
    const a = world(),
      b = world();
    hostStep(a.t, a.data, a.rows, hyper, a.ws, "sparse");
    hostStep(b.t, b.data, b.rows, hyper, b.ws, "dense");
    const movie0 = Uint32Array.of(2); // a batch that touches only user 0 and movie 0
    const sparseMovie1 = a.t.weights.movieFactors[3],
      denseMovie1 = b.t.weights.movieFactors[3];
    hostStep(a.t, a.data, movie0, {...hyper, wd: 0, step: 2}, a.ws, "sparse");
    hostStep(b.t, b.data, movie0, {...hyper, wd: 0, step: 2}, b.ws, "dense");
    expect(a.t.weights.movieFactors[3]).toBe(sparseMovie1);
    expect(b.t.weights.movieFactors[3]).not.toBe(denseMovie1);
  });

  it("sums the gradients of a row that appears twice in a batch", () => {
    // Rows 0 and 1 both rate movie 1: its gradient is the sum, which one step with both rows applies at once.
    const a = world();
    const x = (u: number, m: number) => {
      let s = a.t.weights.userBias[u] + a.t.weights.movieBias[m];
      for (let k = 0; k < 3; ++k) s += a.t.weights.userFactors[u * 3 + k] * a.t.weights.movieFactors[m * 3 + k];
      return s;
    };
    const dz = (u: number, m: number, y: number) => {
      const s = 1 / (1 + Math.exp(-x(u, m)));
      return (2 * (s * 5 + 0.5 - y) * s * (1 - s) * 5) / 3;
    };
    const g = dz(0, 1, 4.5) + dz(1, 1, 1.5);
    hostStep(a.t, a.data, a.rows, hyper, a.ws, "sparse");
    expect(a.t.gradAvg.movieBias[1]).toBeCloseTo(0.1 * g, 7);
    expect(a.t.sqrAvg.movieBias[1]).toBeCloseTo(0.01 * g * g, 8);
  });

  it("returns a non-finite loss without changing anything", () => {
    const a = world();
    // Infinite weights alone saturate the sigmoid and keep the loss finite; ∞ - ∞ is what makes it NaN.
    a.t.weights.userFactors[0] = Infinity;
    a.t.weights.userFactors[1] = Infinity;
    a.t.weights.movieFactors[3] = 1;
    a.t.weights.movieFactors[4] = -1;
    const before = clone(a.t);
    expect(hostStep(a.t, a.data, a.rows, hyper, a.ws, "sparse")).toBeNaN();
    expect(a.t).toEqual(before);
  });

  it("reuses its workspace from batch to batch", () => {
    const a = world(),
      b = world();
    const ws = a.ws;
    for (let i = 0; i < 3; ++i) hostStep(a.t, a.data, a.rows, {...hyper, step: i + 1}, ws);
    for (let i = 0; i < 3; ++i) hostStep(b.t, b.data, b.rows, {...hyper, step: i + 1}, stepWorkspace(3, 4, 3, 3));
    expect(a.t).toEqual(b.t);
  });
});

describe("hostSquaredError(weights, factors, lo, hi, data, rows)", () => {
  it("sums the squared errors of the predictions", () => {
    const w = {userFactors: f32(0, 0), movieFactors: f32(0, 0), userBias: f32(0), movieBias: f32(0)};
    // x = 0, so every prediction is 0.5 + 5·0.5 = 3.
    const data = {user: Uint32Array.of(0, 0), movie: Uint32Array.of(0, 0), rating2: Uint8Array.of(8, 2)};
    expect(hostSquaredError(w, 2, 0.5, 5.5, data, Uint32Array.of(0, 1))).toBeCloseTo(1 + 4, 12);
  });
});

describe("hostArray(tensor)", () => {
  for (const name of ["cpu", "wasm"] as const) {
    it(`gives a live view of a ${name} tensor's memory`, async () => {
      await pickBackend(name, {wasmPath: WASM_PATH});
      const t = tf.tensor1d([1, 2, 3]);
      const a = hostArray(t)!;
      a[1] = 20;
      expect([...t.dataSync()]).toEqual([1, 20, 3]);
      t.dispose();
    });
  }
});
