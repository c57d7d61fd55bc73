import {TRAIN_DEFAULTS} from "../trainDefaults.js";
import type {EpochRow} from "./buildModel.js";
import type {TrainHyper} from "./trainProtocol.js";

/**
 * The valid MSE of the simplest predictor, every rating predicted as the mean rating: the variance of the ratings
 * (stars²). `rating2` holds ratings × 2. A model that ends above it has learnt nothing, or diverged.
 */
export function meanPredictorMse(rating2: ArrayLike<number>): number {
  let sum = 0,
    sum2 = 0;
  for (let i = 0; i < rating2.length; ++i) {
    const r = rating2[i] / 2;
    sum += r;
    sum2 += r * r;
  }
  const n = rating2.length;
  return n ? sum2 / n - (sum / n) ** 2 : NaN;
}

/**
 * A hint, in plain words, when a run ends with a valid loss no better than predicting every rating as the mean
 * (`baseline`, meanPredictorMse), as lr_max 0.1 with wd 0 does (about 4.8 on the default data); null otherwise. A run
 * whose valid_loss had beaten the mean at an earlier epoch, then rose while its train_loss kept falling, overfit
 * (it learnt the training ratings by heart, the glossary's overfitting), and is told so, with the epoch where it was
 * best: training more would make it worse.
 */
export function divergenceNote(
  history: readonly EpochRow[],
  baseline: number,
  hyper: Pick<TrainHyper, "lrMax" | "wd">
): string | null {
  const last = history.at(-1);
  if (!last || !(baseline > 0) || last.validLoss < baseline) return null;
  const loss = Number.isFinite(last.validLoss) ? last.validLoss.toFixed(3) : String(last.validLoss);
  const best = history.reduce((a, b) => (b.validLoss < a.validLoss ? b : a));
  if (best.validLoss < baseline && last.trainLoss < best.trainLoss)
    return (
      `This run overfit: its valid_loss fell to ${best.validLoss.toFixed(3)} at epoch ${best.epoch}, then rose to ` +
      `${loss} while its train_loss kept falling (to ${last.trainLoss.toFixed(3)}), ending no better than predicting ` +
      `every rating as the mean (${baseline.toFixed(3)} on this data). Its predictions are not worth using: train ` +
      `fewer epochs (the valid_loss was lowest after ${best.epoch + 1}) or raise wd, and train again.`
    );
  const advice =
    hyper.lrMax > TRAIN_DEFAULTS.lrMax
      ? `lower lr_max (${hyper.lrMax} is high; try ${TRAIN_DEFAULTS.lrMax.toExponential()})`
      : hyper.wd === 0
        ? `add some weight decay (try ${TRAIN_DEFAULTS.wd})`
        : "lower lr_max or train more epochs";
  return (
    `This run diverged: its valid_loss, ${loss}, is no better than predicting every rating as the mean ` +
    `(${baseline.toFixed(3)} on this data). Its predictions are not worth using: ${advice} and train again.`
  );
}
