import type {OptimizerStep} from "./hostStep.js";

/** Options of fastai's `fit_one_cycle`; only `lrMax` is required. */
export interface OneCycleOptions {
  lrMax: number;
  /** The warm-up starts at lrMax / div. */
  div?: number;
  /** The last step ends at lrMax / divFinal. */
  divFinal?: number;
  /** The fraction of the steps spent warming up. */
  pctStart?: number;
  /** Momentum (Adam's beta1) at the start, at the peak learning rate, and at the end. */
  moms?: readonly [number, number, number];
}

/** fastai's SchedCos: a half cosine from start to end as pos goes from 0 to 1. */
export function cosineAnneal(start: number, end: number, pos: number): number {
  return start + ((1 + Math.cos(Math.PI * (1 - pos))) * (end - start)) / 2;
}

/**
 * fastai's one-cycle policy: the learning rate and momentum (β1) at the training position
 * pos = step / totalSteps, in [0, 1].
 */
export function oneCycle({
  lrMax,
  div = 25,
  divFinal = 1e5,
  pctStart = 0.25,
  moms = [0.95, 0.85, 0.95]
}: OneCycleOptions): (pos: number) => Pick<OptimizerStep, "lr" | "mom"> {
  if (!(lrMax > 0 && Number.isFinite(lrMax)))
    throw new TypeError(`oneCycle: lrMax must be a positive number, got ${lrMax}`);
  if (!(pctStart > 0 && pctStart < 1)) throw new TypeError(`oneCycle: pctStart must be in (0, 1), got ${pctStart}`);
  const [m0, m1, m2] = moms;
  return (pos) => {
    if (pos < pctStart) {
      const q = pos / pctStart;
      return {lr: cosineAnneal(lrMax / div, lrMax, q), mom: cosineAnneal(m0, m1, q)};
    }
    const q = (pos - pctStart) / (1 - pctStart);
    return {lr: cosineAnneal(lrMax, lrMax / divFinal, q), mom: cosineAnneal(m1, m2, q)};
  };
}
