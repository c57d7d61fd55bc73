import * as Inputs from "@observablehq/inputs";
import {canStop, runInProgress} from "../browser/trainingSession.js";
import type {TrainingState} from "../browser/trainingSession.js";
import type {DatasetSummary} from "../movielens/datasetArtifacts.js";
import {BACKEND_CHOICES, BATCH_SIZES, LR_CHOICES, SPLIT_CHOICES, WD_CHOICES} from "../model/trainSettings.js";
import type {BackendChoice} from "../model/trainSettings.js";
import type {TrainHyper} from "../trainDefaults.js";
import {FieldsWithErrors} from "../ui/FieldsWithErrors.js";

// The Train a model page's steps: the shape a model takes on the data, the settings' form and what it starts from,
// and the Train and Stop buttons.

/**
 * The users and movies a model trained on this data has: the dataset's, and me (user 99999) when the data holds none
 * of my ratings yet, since a run adds my browser's. What checkTrainSettings sizes a model with.
 */
export function modelShape(summary: Pick<DatasetSummary, "counts">): {users: number; movies: number} {
  const {users, myRatings, movies} = summary.counts;
  return {users: users + (myRatings ? 0 : 1), movies};
}

/** The settings' form as typed: the number fields as text (never rounded), the rest as chosen. */
export type TypedSettings = Omit<TrainHyper, "factors" | "epochs" | "seed"> & {
  factors: string;
  epochs: string;
  seed: string;
  backend: BackendChoice;
};

/**
 * What the settings' form starts from: the page's link (a shared setting), where it has a value, else the settings
 * last applied here (`preset`: "Apply best so far"), which are TRAIN_DEFAULTS until then; the backend "auto".
 */
export function initialSettings(preset: TrainHyper, linked: Partial<TypedSettings>): TypedSettings {
  return {
    ...preset,
    factors: String(preset.factors),
    epochs: String(preset.epochs),
    seed: String(preset.seed),
    backend: "auto",
    ...linked
  };
}

/**
 * The settings' form, each input with a line under it for its error (FieldsWithErrors). Every number is passed on as
 * typed: the browser's own check of a number field would keep the last valid value behind a refused one such as 2.7
 * (and train that), so checkTrainSettings checks them instead, never rounding or clamping.
 */
export function SettingsForm(initial: TypedSettings): HTMLElement & {value: TypedSettings} {
  const typed = {type: "number", width: 80, submit: false, validate: () => true};
  const asText = (d: unknown) => String(d);
  return Inputs.form(
    {
      factors: Inputs.text({...typed, label: "n_factors", value: initial.factors, datalist: ["20", "50", "100"]}),
      bs: Inputs.select(BATCH_SIZES, {label: "Batch size", value: initial.bs, format: asText}),
      epochs: Inputs.text({...typed, label: "Epochs", value: initial.epochs}),
      lrMax: Inputs.select(LR_CHOICES, {label: "lr_max", value: initial.lrMax, format: asText}),
      wd: Inputs.select(WD_CHOICES, {label: "Weight decay", value: initial.wd, format: asText}),
      backend: Inputs.select(BACKEND_CHOICES, {label: "Backend", value: initial.backend}),
      seed: Inputs.text({...typed, label: "Seed", value: initial.seed}),
      split: Inputs.radio(SPLIT_CHOICES, {
        label: "Validation split",
        value: initial.split ?? "random",
        format: (s: string) => (s === "random" ? "random 20% (fastai)" : "each user's latest 20%")
      })
    },
    {template: FieldsWithErrors}
  ) as HTMLElement & {value: TypedSettings};
}

/**
 * Puts settings into the form as typing them would ("Apply best so far" here, or in another tab), and tells the page.
 */
export function showSettings(form: HTMLElement & {value: TypedSettings}, preset: TrainHyper): void {
  const {factors, bs, epochs, lrMax, wd, seed, split} = preset;
  const text = {factors: String(factors), epochs: String(epochs), seed: String(seed)};
  form.value = {...form.value, ...text, bs, lrMax, wd, split: split ?? "random"};
  form.dispatchEvent(new Event("input", {bubbles: true}));
}

/**
 * Train and Stop. `sync(status)` turns them on and off: Train is off while `canTrain()` says no (an invalid input, no
 * data) and while a run is in progress; Stop is on only while a run starts or trains (not while the worker saves and
 * ranks its model). A button turned off while it has the focus hands it to the other one, so the keyboard is never
 * sent back to the top of the page: Train to Stop as a run starts, Stop to Train as it ends.
 */
export function TrainControls({
  onTrain,
  onStop,
  canTrain
}: {
  onTrain: () => void;
  onStop: () => void;
  canTrain: () => boolean;
}): {element: HTMLElement; sync: (status: TrainingState["status"]) => void} {
  const element = Inputs.button([
    ["Train", onTrain],
    ["Stop", onStop]
  ]);
  element.classList.add("train-controls");
  let lastFocus: Element | null = null;
  const sync = (status: TrainingState["status"]) => {
    const [train, stop] = element.querySelectorAll("button");
    const focused = document.activeElement;
    train.disabled = !canTrain() || runInProgress(status);
    stop.disabled = !canStop(status);
    if (focused === train && train.disabled && !stop.disabled) stop.focus();
    else if ((focused === stop || focused === document.body) && lastFocus && stop.disabled && !train.disabled)
      train.focus();
    lastFocus = focused === train || focused === stop ? focused : lastFocus;
  };
  return {element, sync};
}
