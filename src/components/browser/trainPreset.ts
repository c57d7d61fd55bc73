import type {TrainHyper} from "../engine/trainProtocol.js";
import {SETTING_RANGES} from "../model/trainSettings.js";
import {TRAIN_DEFAULTS} from "../trainDefaults.js";
import {pageStorage, storageProblemOf} from "./pageStorage.js";
import type {StorageProblem} from "./pageStorage.js";

/** The localStorage key of the settings the Train page's inputs start from ("Apply best so far" writes it). */
export const TRAIN_PRESET_KEY = "movielens-workbook:train-preset";

const integerIn =
  ([lo, hi]: readonly [number, number]) =>
  (v: unknown) =>
    Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
const CHECKS: Record<keyof TrainHyper, (v: unknown) => boolean> = {
  factors: integerIn(SETTING_RANGES.factors),
  epochs: integerIn(SETTING_RANGES.epochs),
  seed: integerIn(SETTING_RANGES.seed),
  bs: (v) => Number.isSafeInteger(v) && (v as number) >= 1,
  lrMax: (v) => typeof v === "number" && v > 0 && Number.isFinite(v),
  wd: (v) => typeof v === "number" && v >= 0 && Number.isFinite(v),
  split: (v) => v === "random" || v === "time"
};

/**
 * Keeps `hyper` as the Train page's starting settings, in `storage` (the browser's localStorage unless given).
 * Returns why it could not be kept for the next visit (the storage is blocked or full), or null when it was.
 */
export function saveTrainPreset(hyper: TrainHyper, storage?: Pick<Storage, "setItem">): StorageProblem | null {
  const {factors, bs, epochs, lrMax, wd, seed, split} = hyper;
  const opened = storage ? {storage, problem: null} : pageStorage();
  try {
    opened.storage.setItem(TRAIN_PRESET_KEY, JSON.stringify({factors, bs, epochs, lrMax, wd, seed, split}));
    return opened.problem;
  } catch (error) {
    return storageProblemOf(error);
  }
}

/**
 * The Train page's starting settings: the stored preset's fields that are valid (whole numbers in SETTING_RANGES for
 * n_factors, epochs and seed; a whole batch size ≥ 1; lr_max > 0; wd ≥ 0; split "random" or "time"), TRAIN_DEFAULTS
 * for the others, and
 * TRAIN_DEFAULTS alone when nothing readable is stored or there is no storage.
 */
export function readTrainPreset(storage: Pick<Storage, "getItem"> | undefined = pageStorage().storage): TrainHyper {
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(TRAIN_PRESET_KEY) ?? "null");
    if (parsed && typeof parsed === "object") stored = parsed as Record<string, unknown>;
  } catch {
    // An unreadable preset is no preset.
  }
  const preset: TrainHyper = {...TRAIN_DEFAULTS};
  for (const field of Object.keys(CHECKS) as (keyof TrainHyper)[])
    if (CHECKS[field](stored[field])) Object.assign(preset, {[field]: stored[field]});
  return preset;
}

/**
 * Calls `listener` with the new starting settings whenever another tab changes them ("Apply best so far" there), as the
 * browser's `storage` event tells; returns the function that stops listening. `page` is the window, a parameter for
 * tests.
 */
export function onTrainPresetChange(
  listener: (preset: TrainHyper) => void,
  page: Pick<EventTarget, "addEventListener" | "removeEventListener"> | undefined = globalThis as unknown as EventTarget
): () => void {
  const heard = (event: Event) => {
    if ((event as StorageEvent).key === TRAIN_PRESET_KEY) listener(readTrainPreset());
  };
  page?.addEventListener?.("storage", heard);
  return () => page?.removeEventListener?.("storage", heard);
}
