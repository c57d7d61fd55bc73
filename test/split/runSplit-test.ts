import {describe, expect, it} from "vitest";
import {runSplit} from "../../src/components/split/runSplit.js";
import {splitRows} from "../../src/components/split/splitRows.js";

describe("runSplit(kind, {rows, latest}, seed)", () => {
  it("random: fastai's RandomSplitter over the rows with the run's seed, whatever the latest column says", () => {
    const latest = Uint8Array.from({length: 50}, (_, i) => i % 2);
    expect(runSplit("random", {rows: 50, latest}, 7)).toEqual(splitRows(50, {seed: 7}));
    expect(runSplit("random", {rows: 50}, 7).valid).not.toEqual(splitRows(50, {seed: 8}).valid);
  });

  it("time: the rows the ratings file flags as each user's latest validate, in increasing order", () => {
    const split = runSplit("time", {rows: 6, latest: Uint8Array.of(0, 1, 0, 0, 1, 1)}, 42);
    expect([...split.valid]).toEqual([1, 4, 5]);
    expect([...split.train]).toEqual([0, 2, 3]);
  });

  it("time, on ratings whose file has no latest column: an error in words, with what to do", () => {
    expect(() => runSplit("time", {rows: 6}, 42)).toThrow(
      /^These ratings carry no timestamps, so they cannot be split by time\. .*choose the random split\.$/
    );
  });
});
