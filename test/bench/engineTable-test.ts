import {describe, expect, it} from "vitest";
import {engineTable, tableLegend} from "../../bench/engineTable.js";
import type {EngineTiming} from "../../bench/timeEngine.js";

const timing = (o: Partial<EngineTiming>): EngineTiming => ({
  secondsPerEpoch: 1,
  msPerStep: 1,
  validMse: 0.8,
  steps: 10,
  stepsPerEpoch: 10,
  estimated: false,
  predictMs: 0.5,
  ...o
});

describe("engineTable(rows)", () => {
  it(
    "puts every set's engines in one table, each against its set's fastest, " + "an estimate marked ~ without an MSE",
    () => {
      expect(
        engineTable([
          {
            set: "1m",
            engine: "webgpu fused",
            noiseFloorMse: 0.5,
            timing: timing({secondsPerEpoch: 4, msPerStep: 1.25, validMse: 0.75})
          },
          {
            set: "1m",
            engine: "webgpu ops",
            noiseFloorMse: 0.5,
            timing: timing({
              secondsPerEpoch: 433.2,
              msPerStep: 138.5,
              validMse: null,
              steps: 400,
              stepsPerEpoch: 3125,
              estimated: true
            })
          },
          {
            set: "100k",
            engine: "wasm host",
            noiseFloorMse: 0.55,
            timing: timing({secondsPerEpoch: 0.27, validMse: 0.5})
          },
          {set: "100k", engine: "webgpu fused", noiseFloorMse: 0.55, failed: "skipped: no adapter"}
        ])
      ).toEqual([
        "| set         | engine        |  s/epoch | ×fastest | ms/step | valid MSE | noise " +
          "floor | vs floor | predict ms |",
        "| ----------- | ------------- | -------- | -------- | ------- | --------- | " +
          "----------- | -------- | ---------- |",
        "| 1m          | webgpu fused  |     4.00 |     1.0× |    1.25 | 0.7500 | 0.5000 | +50.0% |        0.5 |",
        "| 1m          | webgpu ops    |     ~433 |     108× |  138.50 | (400 of 3125 steps timed) | | |        0.5 |",
        "| 100k        | wasm host     |     0.27 |     1.0× |    1.00 | 0.5000 | 0.5500 | -9.1% |        0.5 |",
        "| 100k        | webgpu fused  | skipped: no adapter |"
      ]);
    }
  );
});

describe("tableLegend(sets, options)", () => {
  const sets = [
    {
      label: "1m",
      shape: {seed: 42, users: 6040, movies: 3700, ratings: 1_000_000, noise: 0.75, taste: "clear" as const}
    }
  ];
  const options = {factors: 20, epochs: 1, lrMax: 0.01, wd: 0.1, bs: 256, maxSteps: 400};
  const row = (estimated: boolean) => ({
    set: "1m",
    engine: "webgpu ops",
    noiseFloorMse: 0.5,
    timing: timing({estimated})
  });

  it("names the run's settings and each set's shape", () => {
    const [settings, columns, blank] = tableLegend(sets, options, [row(true)]);
    expect(settings).toBe(
      "20 factors, bs 256, lr_max 0.01, wd 0.1, 1 epoch(s); sets: 1m = 1,000,000 ratings, 6040 users, 3700 movies"
    );
    expect(columns).toBe(
      `s/epoch: fit's own epoch time, validation included; "~": estimated from the ops path's first 400 steps; ` +
        `ms/step: the training steps alone`
    );
    expect(blank).toBe("");
  });

  it("says what ~ means only when a row is an estimate", () => {
    expect(tableLegend(sets, options, [row(false)])[1]).toBe(
      "s/epoch: fit's own epoch time, validation included; ms/step: the training steps alone"
    );
  });
});

describe("engineTable(rows) with long engine names", () => {
  it("widens the engine column to the longest name, so every row names its step and the columns line up", () => {
    const lines = engineTable([
      {set: "1m", engine: "wasm: SIMD kernel, 1 thread", noiseFloorMse: 0.55, failed: "failed: no SIMD"},
      {set: "1m", engine: "wasm: host JS", noiseFloorMse: 0.55, failed: "skipped"}
    ]);
    expect(lines[0]).toMatch(/^\| set {9}\| engine {21} \| {2}s\/epoch/);
    expect(lines[2]).toBe("| 1m          | wasm: SIMD kernel, 1 thread | failed: no SIMD |");
    expect(lines[3]).toBe("| 1m          | wasm: host JS               | skipped |");
    expect(new Set(lines.slice(0, 2).map((l) => l.indexOf("|", 16)))).toEqual(new Set([44]));
  });
});
