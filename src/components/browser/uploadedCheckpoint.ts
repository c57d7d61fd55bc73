import {decodeCheckpoint} from "../model/checkpointFormat.js";
import {FASTAI_DEFAULTS} from "../trainDefaults.js";
import type {CheckpointInfo} from "./workbookStore.js";

/**
 * What the checkpoint list keeps of an uploaded `.ckpt` file (its bytes, named `fileName`): its name without the
 * extension, the dataset, hyperparameters and loss history its header records, and the ratings of mine it was trained
 * on. An older checkpoint that records no training settings was trained with engine/fit.ts's defaults, fastai's
 * (FASTAI_DEFAULTS), and no epochs. Throws decodeCheckpoint's error for a file that is not a readable checkpoint.
 */
export function uploadedCheckpointInfo(
  bytes: ArrayBuffer,
  fileName: string,
  {savedAt = new Date().toISOString()}: {savedAt?: string} = {}
): CheckpointInfo {
  const {header} = decodeCheckpoint(new Uint8Array(bytes));
  const t = header.training;
  const history = t?.history ?? [];
  return {
    name: fileName.replace(/\.ckpt$/, ""),
    savedAt,
    dataset: header.dataset.name ?? "the dataset it was trained on (not recorded by this older checkpoint)",
    hyper: {
      factors: header.model.factors,
      bs: t?.bs ?? FASTAI_DEFAULTS.bs,
      epochs: t?.epochs ?? 0,
      lrMax: t?.lrMax ?? FASTAI_DEFAULTS.lrMax,
      wd: t?.wd ?? FASTAI_DEFAULTS.wd,
      seed: t?.seed ?? FASTAI_DEFAULTS.seed,
      split: t?.split ?? "random"
    },
    epochs: history.length,
    validLoss: history.at(-1)?.validLoss ?? null,
    // The ratings of mine it was trained on, as the checkpoint records them, so Recommendations tells them apart.
    ...(header.dataset.myRatings
      ? {
          myRatingsUsed: header.dataset.myRatings.map(([movieId, rating2]) => ({
            movieId,
            rating: rating2 / 2,
            timestamp: 0
          }))
        }
      : {}),
    bytes: bytes.byteLength
  };
}
