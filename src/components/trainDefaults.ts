/**
 * The hyperparameters a reader sets on the Train page, named as in the original notebook. The optimizer's per-step
 * values (hostStep.ts's OptimizerStep) derive from them: lr and momentum from the
 * one-cycle schedule over lrMax, wd as is.
 */
export interface TrainHyper {
  /** n_factors: the width of the user and movie embeddings. */
  factors: number;
  /** Ratings per batch. */
  bs: number;
  /** The epochs the one-cycle schedule is planned for. */
  epochs: number;
  /** lr_max: the one-cycle schedule's peak learning rate. */
  lrMax: number;
  /** Decoupled weight decay: each step scales the weights by 1 − lr·wd. */
  wd: number;
  /** Seeds the initial weights, the 80/20 split and the batch order. */
  seed: number;
  /**
   * Which 20% of ratings validate: "random", fastai's RandomSplitter (the default, and what a record without it used),
   * or "time", each user's latest 20% by timestamp, so nothing is predicted from ratings made after it
   * (split/splitByTime.ts).
   */
  split?: SplitKind;
}

/** The kinds of train/validation split a run can use (TrainHyper's `split`). */
export type SplitKind = "random" | "time";

/**
 * The Train page's defaults, the one home of every default a page, script or benchmark trains with: no other module
 * types these values (test/importRules-test.ts holds that). The original notebook built fastai's
 * `collab_learner(dls, n_factors=50, y_range=(0.5, 5.5))` (an EmbeddingDotBias model) and trained it with
 * `learn.fit_one_cycle` at fastai's defaults (lr_max 1e-3, wd 0.01; see FASTAI_DEFAULTS). The engine updates only the
 * rows a batch touches (lazy Adam), which wants the higher lr_max 1e-2 and wd 0.1 of its recipe (`LAZY_ADAM_RECIPE` in
 * engine/fit.ts reads them from here; measured by `npm run bench` on an ML-10M-shaped synthetic set).
 * Units: lrMax is the one-cycle schedule's peak learning rate, wd the decoupled weight decay per step,
 * bs ratings per batch, epochs passes over the training 80%, seed the split's, initialisation's, batch order's and
 * ranking sample's seed.
 */
export const TRAIN_DEFAULTS = {
  factors: 50,
  bs: 256,
  epochs: 3,
  lrMax: 1e-2,
  wd: 0.1,
  seed: 42,
  split: "random"
} as const satisfies TrainHyper;

/**
 * The parts of fastai's recipe that no page lets a reader change, beside TRAIN_DEFAULTS: `validPct`, the share of
 * ratings that validate (fastai's `RandomSplitter(valid_pct=0.2)`, and each user's latest 20% in the time split), and
 * `yRange`, the stars EmbeddingDotBias squashes its output into with a sigmoid (`y_range=(0.5, 5.5)`: a little past the
 * scale's ends, which a sigmoid never reaches).
 */
export const RECIPE_DEFAULTS = {validPct: 0.2, yRange: [0.5, 5.5]} as const;

/**
 * fastai's own defaults for `fit_one_cycle` (lr_max 1e-3, wd 0.01) with the workbook's batch size and seed: what dense
 * Adam is measured with in `npm run bench`, and what a checkpoint that records no training settings was trained with
 * (engine/fit.ts's defaults).
 */
export const FASTAI_DEFAULTS = {
  bs: TRAIN_DEFAULTS.bs,
  lrMax: 1e-3,
  wd: 0.01,
  seed: TRAIN_DEFAULTS.seed
} as const satisfies Omit<TrainHyper, "factors" | "epochs">;
