import {describe, expect, it} from "vitest";
import {divergenceNote, meanPredictorMse} from "../../src/components/engine/divergenceNote.js";

const row = (validLoss: number) => ({epoch: 0, trainLoss: 1, validLoss, seconds: 1});

describe("meanPredictorMse(rating2)", () => {
  it("is the variance of the ratings in stars²", () => {
    expect(meanPredictorMse(Uint8Array.of(2, 4, 6, 8))).toBeCloseTo(1.25, 12); // ratings 1, 2, 3, 4
    expect(meanPredictorMse(Uint8Array.of(8, 8))).toBe(0);
    expect(meanPredictorMse(new Uint8Array())).toBeNaN();
  });
});

describe("divergenceNote(history, baseline, hyper)", () => {
  it("says nothing for a run that beats the mean", () => {
    expect(divergenceNote([row(0.8)], 1.1, {lrMax: 1e-2, wd: 0.1})).toBeNull();
    expect(divergenceNote([], 1.1, {lrMax: 1e-2, wd: 0.1})).toBeNull();
  });
  it("hints at the cause when the run ends no better than the mean, NaN included", () => {
    expect(divergenceNote([row(0.7), row(4.8)], 1.1, {lrMax: 0.1, wd: 0})).toBe(
      "This run diverged: its valid_loss, 4.800, is no better than predicting every rating as the mean (1.100 on " +
        "this data). Its predictions are not worth using: lower lr_max (0.1 is high; try 1e-2) and train again."
    );
    expect(divergenceNote([row(NaN)], 1.1, {lrMax: 1e-2, wd: 0})).toMatch(/valid_loss, NaN, .*add some weight decay/);
  });
});
