import type {BackendName, TrainHyper} from "../engine/trainProtocol.js";

/** The batch sizes a reader can choose on the Train page and in the experiment grid (ratings per batch). */
export const BATCH_SIZES = [64, 256, 1024, 4096] as const;

/** The peak learning rates (lr_max) a reader can choose on the Train page. */
export const LR_CHOICES = [1e-3, 3e-3, 5e-3, 1e-2, 3e-2, 1e-1] as const;

/** The weight decays a reader can choose on the Train page. */
export const WD_CHOICES = [0, 0.01, 0.05, 0.1, 0.3] as const;

/** The validation splits (TrainHyper's split): fastai's random 20%, or each user's latest 20%. */
export const SPLIT_CHOICES = ["random", "time"] as const;

/** The backends a reader can choose, in the order "auto" tries the real ones (fastest first). */
export const BACKEND_CHOICES = ["auto", "webgpu", "webgl", "wasm", "cpu"] as const satisfies readonly (
  BackendName | "auto"
)[];

/** A backend a reader can choose: one of BACKEND_CHOICES. */
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** The range each typed hyperparameter accepts (whole numbers, inclusive). */
export const SETTING_RANGES = {factors: [1, 1000], epochs: [1, 100], seed: [0, 2 ** 31 - 1]} as const;

/** The most bytes the workbook lets a model's tables take in the browser (the wasm heap tops out at 2–4 GB). */
export const MODEL_BYTES_BUDGET = 1.5e9;

const LABELS = {factors: "n_factors", epochs: "Epochs", seed: "Seed"} as const;
type Field = keyof typeof SETTING_RANGES;

const fmt = (n: number) => n.toLocaleString("en-US");
const gb = (bytes: number) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.ceil(bytes / 1e6)} MB`);

/**
 * Bytes a model takes while it trains: the weights of EmbeddingDotBias (users and movies × (factors + 1) floats) and
 * Adam's two running averages of each, float32, and a checkpoint of all three written at the end (so twice that).
 */
export function modelBytes({users, movies, factors}: {users: number; movies: number; factors: number}): number {
  return 2 * 3 * 4 * (users + movies) * (factors + 1);
}

/**
 * Checks the "More epochs" a checkpoint resumes for, as typed: a whole number in SETTING_RANGES.epochs (a leading "+"
 * allowed), else null with why, in words. Nothing is rounded or clamped.
 */
export function checkMoreEpochs(typed: string | number): {epochs: number | null; error: string} {
  const [fewest, most] = SETTING_RANGES.epochs;
  const text = String(typed).trim();
  const epochs = /^\+?\d+$/.test(text) && +text >= fewest && +text <= most ? +text : null;
  return {
    epochs,
    // An empty box (a number box empties what is not a number) is called empty, as the Train page calls its fields.
    error:
      epochs !== null
        ? ""
        : text === ""
          ? `More epochs is empty: type a whole number from ${fewest} to ${most}.`
          : `More epochs must be a whole number from ${fewest} to ${most}; “${text}” is not.`
  };
}

/** The typed values of the Train page's inputs. */
export type RawSettings = Record<Field, string | number> & Omit<TrainHyper, Field>;

/**
 * Checks what the Train page's inputs show and returns exactly that as the settings to train, or, for each invalid
 * field, why, with its allowed range: a whole number in SETTING_RANGES, and n_factors small enough that the model fits
 * MODEL_BYTES_BUDGET on a dataset of `users` × `movies` (with an estimate of what it would need). Nothing is rounded or
 * clamped: what trains is what the inputs show.
 */
export function checkTrainSettings(
  raw: RawSettings,
  {users, movies}: {users: number; movies: number}
): {settings: TrainHyper | null; errors: Partial<Record<Field, string>>} {
  const errors: Partial<Record<Field, string>> = {};
  const values = {} as Record<Field, number>;
  for (const field of Object.keys(SETTING_RANGES) as Field[]) {
    const [lo, hi] = SETTING_RANGES[field];
    const text = String(raw[field]).trim();
    const value = +text;
    const range = `a whole number from ${fmt(lo)} to ${fmt(hi)}`;
    if (text === "") errors[field] = `${LABELS[field]} is empty: type ${range}.`;
    else if (!/^[+-]?\d+$/.test(text)) errors[field] = `${LABELS[field]} must be ${range}; “${text}” is not.`;
    else if (field === "factors" && value >= lo && modelBytes({users, movies, factors: value}) > MODEL_BYTES_BUDGET) {
      // A size that cannot fit is refused with what it would need, however large it was typed.
      // The most that fits, and never more than the input allows.
      const most = Math.max(
        1,
        Math.min(hi, Math.floor(MODEL_BYTES_BUDGET / modelBytes({users, movies, factors: 0})) - 1)
      );
      errors[field] =
        `n_factors ${fmt(value)} would need about ${gb(modelBytes({users, movies, factors: value}))} for the model, ` +
        `its optimizer state and its checkpoint on this dataset (${fmt(users)} users, ${fmt(movies)} movies), ` +
        `more than the ${gb(MODEL_BYTES_BUDGET)} a browser can give it. Try ${fmt(most)} or fewer.`;
    } else if (value < lo || value > hi)
      errors[field] = `${LABELS[field]} must be ${range}; ${fmt(value)} is out of range.`;
    else values[field] = value;
  }
  if (Object.keys(errors).length) return {settings: null, errors};
  return {
    settings: {
      factors: values.factors,
      bs: raw.bs,
      epochs: values.epochs,
      lrMax: raw.lrMax,
      wd: raw.wd,
      seed: values.seed,
      ...(raw.split ? {split: raw.split} : {})
    },
    errors
  };
}
