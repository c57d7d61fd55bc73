import {describe, expect, it} from "vitest";
import {divergenceNote, meanPredictorMse} from "../../src/components/engine/divergenceNote.js";

const row = (validLoss: number, trainLoss = 1, epoch = 0) => ({epoch, trainLoss, validLoss, seconds: 1});

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
  it("says a run overfit, with the epoch it was best at, when its valid_loss rose while its train_loss fell", () => {
    const history = [row(1.0, 1.2, 0), row(0.9, 0.8, 1), row(1.05, 0.5, 2), row(1.3, 0.3, 3)];
    expect(divergenceNote(history, 1.1, {lrMax: 1e-2, wd: 0.1})).toBe(
      "This run overfit: its valid_loss fell to 0.900 at epoch 1, then rose to 1.300 while its train_loss kept " +
        "falling (to 0.300), ending no better than predicting every rating as the mean (1.100 on this data). Its " +
        "predictions are not worth using: train fewer epochs (the valid_loss was lowest after 2) or raise wd, and " +
        "train again."
    );
    // Both losses rising is no overfitting: the run diverged.
    const rising = [row(0.9, 0.8, 0), row(1.3, 1.2, 1)];
    expect(divergenceNote(rising, 1.1, {lrMax: 1e-2, wd: 0.1})).toMatch(/^This run diverged: .*lower lr_max/);
  });
});
