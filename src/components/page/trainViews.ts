import * as Inputs from "@observablehq/inputs";
import {html} from "htl";
import {downloadBlob} from "../browser/downloadBlob.js";
import {keepInLink, readFormLink, unheldNumbers} from "../browser/formLink.js";
import type {MyRatingsStore} from "../browser/myRatingsStorage.js";
import type {StorageProblem} from "../browser/pageStorage.js";
import {staleDataset} from "../browser/staleDataset.js";
import {keptMessage, savedError, trainAndSave} from "../browser/trainAndSave.js";
import {TRAIN_LINK} from "../browser/trainLink.js";
import {onTrainPresetChange, readTrainPreset} from "../browser/trainPreset.js";
import {canStop, runInProgress} from "../browser/trainingSession.js";
import type {TrainingSession, TrainingState} from "../browser/trainingSession.js";
import type {WorkbookData} from "../browser/workbookData.js";
import type {WorkbookStore} from "../browser/workbookStore.js";
import type {CheckpointInfo} from "../browser/workbookStore.js";
import type {DatasetSummary} from "../movielens/datasetArtifacts.js";
import type {MyRating} from "../movielens/myRatingsFile.js";
import {
  BACKEND_CHOICES,
  BATCH_SIZES,
  LR_CHOICES,
  SPLIT_CHOICES,
  WD_CHOICES,
  checkTrainSettings
} from "../model/trainSettings.js";
import type {BackendChoice} from "../model/trainSettings.js";
import type {TrainHyper} from "../trainDefaults.js";
import {CopyLink} from "../ui/CopyLink.js";
import {FieldsWithErrors, showFieldErrors} from "../ui/FieldsWithErrors.js";
import {Note} from "../ui/Note.js";
import {Nothing} from "../ui/Nothing.js";
import type {TrainingData} from "./trainingPage.js";

// The Train a model page's steps: the shape a model takes on the data, the settings' form and what it starts from,
// the Train and Stop buttons, a run trained and kept, and its checkpoint downloaded where the browser keeps none (the
// experiment grid is in gridViews.ts).

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

/** The Train page's settings (trainSettings): the form, and what it checks and keeps as it changes. */
export interface TrainSettings {
  /** The settings' form, to `view`. */
  form: HTMLElement & {value: TypedSettings};
  /**
   * The settings that train for the form's value `hyper`, or null while a field is invalid: each error is shown under
   * its field (and a link's refused value under its input until that input changes), and the value kept in the link.
   */
  check(hyper: TypedSettings): TrainHyper | null;
  /** "Copy link", and a note when the page's link was made on another dataset. */
  linkNotes: HTMLElement;
}

/**
 * The Train page's settings on the page's data, starting from its link (`search`: a shared setting), else the settings
 * last applied here ("Apply best so far"), else TRAIN_DEFAULTS; following the starting settings another tab applies
 * until the page's cell ends (`invalidation`). Every field shows what will train: typed values are checked, never
 * rounded or clamped (checkTrainSettings).
 */
export function trainSettings(
  summary: Pick<DatasetSummary, "counts" | "catalogue" | "dataset">,
  {invalidation, search = globalThis.location?.search ?? ""}: {invalidation: Promise<unknown>; search?: string}
): TrainSettings {
  const link = readFormLink(new URLSearchParams(search), TRAIN_LINK);
  const {data: linkData, ...linked} = link.values;
  const form = SettingsForm(initialSettings(readTrainPreset(), linked as Partial<TypedSettings>));
  // A number field cannot hold text that is not a number: the browser empties it, and the link's value is refused.
  const shownAtStart: Record<string, unknown> = {...form.value};
  Object.assign(link.refused, unheldNumbers(TRAIN_LINK, ["factors", "epochs", "seed"], linked, form.value));
  void invalidation.then(onTrainPresetChange((preset) => showSettings(form, preset)));
  const elsewhere = linkData !== undefined && linkData !== summary.catalogue;
  const linkNotes = html`<div class="link-notes">
    ${CopyLink({what: "these settings"})}
    ${
      elsewhere
        ? Note(`This link was made on another dataset: its settings are shown here, on ${summary.dataset.name}.`)
        : null
    }
  </div>`;
  return {
    form,
    linkNotes,
    check(hyper) {
      const checked = checkTrainSettings(hyper, modelShape(summary));
      const typed = hyper as unknown as Record<string, unknown>;
      const linkRefused = Object.fromEntries(
        Object.entries(link.refused).filter(([key]) => typed[key] === shownAtStart[key])
      );
      showFieldErrors(form, {...checked.errors, ...linkRefused});
      keepInLink(TRAIN_LINK, {...hyper, data: summary.catalogue});
      return checked.settings;
    }
  };
}

/** Which of my ratings the run trains on, in words: none yet, mine in this browser, or the dataset's my_ratings.dat. */
export function myRatingsTrained(myRatings: readonly MyRating[], {stored}: {stored: boolean}): string {
  if (myRatings.length === 0) return "none yet (the Rate movies page adds them)";
  return stored
    ? `the ${myRatings.length} ratings I gave on this dataset in this browser`
    : `the ${myRatings.length} ratings from this dataset's my_ratings.dat`;
}

/** What every run of the Train page trains with: its session, the store each run opens, the data and my ratings. */
export interface TrainingContext {
  session: TrainingSession;
  openWorkbookStore: () => Promise<WorkbookStore>;
  data: Pick<WorkbookData, "stored" | "summary">;
  trainingData: TrainingData;
  mine: Pick<MyRatingsStore, "read">;
  /** Why the browser keeps no models, or null when it does. */
  modelsProblem: StorageProblem | null;
}

/**
 * Trains `settings` on the page's session and keeps the run, saying in `say` that it was kept the moment training
 * ends and again once ranked, or why it was not: nothing trains when another tab loaded another dataset since the page
 * opened. Each run opens the store for itself (`openWorkbookStore`), and closes it after.
 */
export async function trainHere(
  {session, openWorkbookStore, data, trainingData, mine, modelsProblem}: TrainingContext,
  {settings, backend, say}: {settings: TrainHyper | null; backend: BackendChoice; say: (text: string) => void}
): Promise<void> {
  if (!settings) return;
  if (!runInProgress(session.state.status)) say(""); // a new run: the last one's message goes
  const stale = await staleDataset(data);
  if (stale) return say(`${stale} Nothing was trained.`);
  let kept: CheckpointInfo | null = null;
  const run = await trainAndSave(session, openWorkbookStore, {
    ...trainingData,
    backend,
    hyper: settings,
    myRatings: mine.read(),
    onKept: (info) => say(keptMessage((kept = info), modelsProblem)),
    onRanked: () => say(keptMessage(kept, modelsProblem, true))
  });
  if (run?.error) say(savedError(run));
}

/**
 * "Download this model's checkpoint", where the browser keeps no models (`modelsProblem`) and a run has ended with a
 * model: this page is then the only place the model lives, and Save and resume can upload it later.
 */
export function DownloadCheckpoint(
  state: Pick<TrainingState, "checkpoint" | "rows" | "status">,
  {modelsProblem, download = downloadBlob}: {modelsProblem: StorageProblem | null; download?: typeof downloadBlob}
): HTMLElement {
  const {checkpoint} = state;
  if (!modelsProblem || !checkpoint || !state.rows.length || runInProgress(state.status)) return Nothing();
  return Inputs.button("Download this model's checkpoint", {
    reduce: () => download([checkpoint], "movielens-model.ckpt")
  });
}
