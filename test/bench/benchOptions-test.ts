import {describe, expect, it} from "vitest";
import {BENCH_SETS, benchSets, TIME_OPTIONS, timeOptions} from "../../bench/benchOptions.js";
import {ML10M_SHAPE, SITE_SYNTH} from "../../src/components/synth/synthesize.js";
import {TRAIN_DEFAULTS} from "../../src/components/trainDefaults.js";

describe("benchSets(values)", () => {
  it("names the 1M default set and the 100k set by default, in that order", () => {
    expect(benchSets({})).toEqual([
      {label: "1m", shape: SITE_SYNTH},
      {label: "100k", shape: BENCH_SETS["100k"]}
    ]);
    expect(BENCH_SETS["100k"]).toEqual({
      seed: 42,
      users: 1000,
      movies: 600,
      ratings: 100_000,
      noise: SITE_SYNTH.noise,
      taste: SITE_SYNTH.taste
    });
  });

  it("reads --sets, ML-10M's shape included", () => {
    expect(benchSets({sets: "10m"})).toEqual([{label: "10m", shape: ML10M_SHAPE}]);
  });

  it("makes one custom set of --ratings, --users and --movies, which replaces --sets", () => {
    expect(benchSets({sets: "10m", ratings: "200_000"})).toEqual([
      {label: "200k", shape: {...SITE_SYNTH, users: 1000, movies: 600, ratings: 200_000}}
    ]);
    expect(benchSets({ratings: "2500000", users: "7000", movies: "4000"})).toEqual([
      {label: "2.5m", shape: {...SITE_SYNTH, users: 7000, movies: 4000, ratings: 2_500_000}}
    ]);
  });

  it("throws a TypeError for an unknown set or a count that is not a positive integer", () => {
    expect(() => benchSets({sets: "1m,25m"})).toThrow(new TypeError('--sets: unknown set "25m"; use 100k, 1m, 10m'));
    expect(() => benchSets({ratings: "1e5.5"})).toThrow(TypeError);
    expect(() => benchSets({users: "0"})).toThrow('--users must be a positive integer, got "0"');
  });
});

describe("timeOptions(values, path)", () => {
  it("defaults to one epoch of the lazy-Adam recipe, and limits only the ops path's steps", () => {
    expect(timeOptions({}, "fused")).toEqual({
      path: "fused",
      factors: 20,
      epochs: 1,
      lrMax: TRAIN_DEFAULTS.lrMax,
      wd: TRAIN_DEFAULTS.wd,
      bs: TRAIN_DEFAULTS.bs,
      maxSteps: 0
    });
    expect(timeOptions({}, "ops").maxSteps).toBe(+TIME_OPTIONS["ops-steps"].default);
  });

  it("reads the values given", () => {
    expect(
      timeOptions({epochs: "3", factors: "50", lr: "0.005", wd: "0.05", bs: "1024", "ops-steps": "50"}, "ops")
    ).toEqual({path: "ops", factors: 50, epochs: 3, lrMax: 0.005, wd: 0.05, bs: 1024, maxSteps: 50});
  });
});
