import * as Inputs from "@observablehq/inputs";
import type {MyRatingsStore} from "../browser/myRatingsStorage.js";
import type {StorageProblem} from "../browser/pageStorage.js";
import {defaultCheckpointName} from "../browser/saveRun.js";
import {staleDataset} from "../browser/staleDataset.js";
import {trainAndSave} from "../browser/trainAndSave.js";
import {canStop, runInProgress} from "../browser/trainingSession.js";
import type {TrainingSession, TrainingState} from "../browser/trainingSession.js";
import type {WorkbookData} from "../browser/workbookData.js";
import type {StoredModel, WorkbookStore} from "../browser/workbookStore.js";
import type {BackendChoice} from "../model/trainSettings.js";
import {BACKEND_CHOICES, SETTING_RANGES, checkMoreEpochs} from "../model/trainSettings.js";
import type {CheckpointInfo} from "../browser/workbookStore.js";
import {CheckpointList} from "../ui/CheckpointList.js";
import {decodeCheckpoint} from "../model/checkpointFormat.js";
import {NoData} from "../ui/NoData.js";
import type {checkpointActions} from "../browser/checkpointActions.js";
import {Note} from "../ui/Note.js";
import {restoreRowFocus, rowFocus} from "../ui/keepRowFocus.js";
import {noModelText} from "../ui/noModelText.js";
import {FileField} from "./FileField.js";
import type {TrainingData} from "./trainingPage.js";

// The Save and resume page's steps: the latest model, with a name to save it under, and a checkpoint loaded and
// trained for more epochs, each said in words.

/** What Save and resume's views use of its shelf (checkpointShelf): the store's `problem`, and the actions. */
export type ShelfActions = {
  store: {problem: StorageProblem | null};
  checkpoint: Pick<ReturnType<typeof checkpointActions>, "saveLatest" | "download" | "remove">;
};

/**
 * The latest model in one line (its settings, epochs, valid loss, when and on what it was trained), a name for it
 * (defaultCheckpointName) and "Save as a checkpoint", which saves it (the shelf's saveLatest) under the name as typed,
 * trimmed; or why there is none yet and what to do.
 */
export function LatestModel(
  latest: StoredModel | null,
  {noData, shelf}: {noData: boolean; shelf: ShelfActions}
): HTMLElement {
  const problem = shelf.store.problem;
  if (!latest) {
    if (noData) return NoData("then train a model, to save and resume it");
    const here = "Upload a checkpoint below to resume it here.";
    return Note(noModelText(problem, {here}), {className: "no-latest"});
  }
  const {info} = latest;
  const root = document.createElement("div");
  const name = Inputs.text({
    label: "Checkpoint name",
    value: defaultCheckpointName(info.hyper, info.epochs),
    width: 320,
    maxlength: 120
  });
  root.append(
    Note(
      `${info.hyper.factors} factors, batch size ${info.hyper.bs}, lr_max ${info.hyper.lrMax}, wd ${info.hyper.wd}, ` +
        `${info.epochs} ${info.epochs === 1 ? "epoch" : "epochs"}, valid_loss ${info.validLoss?.toFixed(4) ?? "–"}, ` +
        `trained ${new Date(info.savedAt).toLocaleString()} on ${info.dataset}.`,
      {className: "latest-model"}
    ),
    name,
    Inputs.button("Save as a checkpoint", {reduce: () => void shelf.checkpoint.saveLatest(latest, name.value.trim())})
  );
  return root;
}

/** What resuming checkpoint `name` for `more` epochs came to: diverged, stopped early, or trained. */
export function resumedText(name: string, more: number, final: Pick<TrainingState, "diverged" | "status">): string {
  const epochs = `${more} more epoch${more === 1 ? "" : "s"}`;
  if (final.diverged && final.status === "stopped")
    return (
      `Stopped “${name}” before its ${epochs} ended, no better than predicting the mean: it is in the run history, ` +
      "but its model did not replace the latest model."
    );
  if (final.diverged)
    return (
      `Training “${name}” for ${epochs} diverged: it is in the run history, ` +
      "but its model did not replace the latest model."
    );
  if (final.status === "stopped")
    return `Stopped “${name}” before its ${epochs} ended: what it trained is the latest model, and in the run history.`;
  return `Trained “${name}” for ${epochs}: it is the latest model, and in the run history.`;
}

/**
 * Loads checkpoint `id` and trains it for `moreEpochs` more epochs on the page's session, as `learn.load` followed by
 * `learn.fit_one_cycle(2)` did: a new one-cycle schedule from its weights and optimizer state, its table continued,
 * the run kept as the latest model (trainAndSave). Refuses, in words and training nothing, while a run is in progress,
 * when the epochs typed are not a whole number in range, when the stored dataset changed since the page opened, or when
 * the checkpoint was deleted (another tab); `say` words every outcome, `changed` re-reads the lists.
 */
export async function resumeCheckpoint(
  id: number,
  {
    session,
    store,
    data,
    trainingData,
    mine,
    moreEpochs,
    backend,
    say,
    changed
  }: {
    session: TrainingSession;
    store: WorkbookStore;
    data: WorkbookData;
    trainingData: TrainingData;
    mine: Pick<MyRatingsStore, "read">;
    moreEpochs: number | null;
    backend: BackendChoice;
    say: (text: string) => void;
    changed: () => void;
  }
): Promise<void> {
  if (runInProgress(session.state.status)) return say("A run is in progress: wait for it, or stop it, first.");
  if (moreEpochs === null)
    return say(`More epochs must be a whole number from ${SETTING_RANGES.epochs.join(" to ")}: nothing was trained.`);
  // What is stored now: another tab may have loaded another dataset, or deleted this checkpoint, since.
  const stale = await staleDataset(data);
  if (stale) return say(`${stale} Nothing was trained.`);
  const record = await store.getCheckpoint(id);
  if (!record) {
    changed();
    return say("That checkpoint is no longer in this browser: another tab deleted it. Nothing was trained.");
  }
  say(""); // an earlier refusal no longer applies
  const {header} = decodeCheckpoint(new Uint8Array(record.bytes));
  const run = await trainAndSave(session, store, {
    ...trainingData,
    backend,
    hyper: {...record.info.hyper, epochs: moreEpochs},
    myRatings: mine.read(),
    checkpoint: record.bytes,
    priorRows: header.training?.history ?? [],
    name: `${record.info.name} + ${moreEpochs}`,
    resumedFrom: record.info.name
  });
  if (run?.error) say(run.error.message);
  else if (run) {
    say(resumedText(record.info.name, moreEpochs, run.final));
    changed();
  }
}

/** The resume form (ResumeForm): its fields, and what they say now. */
export type ResumeFormElement = HTMLElement & {
  /** The epochs typed (null when not a whole number in range) and the backend chosen. */
  read(): {moreEpochs: number | null; backend: BackendChoice};
};

/**
 * "More epochs" and "Backend" for Load and train more epochs: what trains is what the box shows, and an invalid value
 * is refused in the line under the form as it is typed (checkMoreEpochs), never rewritten.
 */
export function ResumeForm(): ResumeFormElement {
  const form = Inputs.form({
    epochs: Inputs.text({
      label: "More epochs",
      type: "number",
      value: "2",
      width: 80,
      submit: false,
      validate: () => true
    }),
    backend: Inputs.select(BACKEND_CHOICES, {label: "Backend", value: "auto"})
  });
  const value = () => form.value as {epochs: string; backend: BackendChoice};
  const error = Note("", {className: "input-error"});
  form.addEventListener("input", () => (error.textContent = checkMoreEpochs(value().epochs).error));
  const root = document.createElement("div");
  root.className = "resume-form";
  root.append(form, error);
  return Object.assign(root, {
    read: () => ({moreEpochs: checkMoreEpochs(value().epochs).epochs, backend: value().backend})
  });
}

/**
 * The checkpoints kept here, each with Load and train more epochs (`resume`), Download and Delete (the shelf's); said
 * to be this page's only where the browser keeps none (the store's `problem`).
 */
export function Checkpoints(
  checkpoints: readonly CheckpointInfo[],
  {shelf: {store, checkpoint}, resume}: {shelf: ShelfActions; resume: (id: number) => unknown}
): HTMLElement {
  // A keyboard user keeps their place: the button they pressed, or the same one on the row now in its place (after a
  // delete), once the list drawn again has replaced the one before it.
  const focusAt = rowFocus(document, "table.checkpoint-list", CHECKPOINT_ROWS);
  const list = CheckpointList(checkpoints, {
    pageOnly: store.problem !== null,
    onLoad: (id) => void resume(id),
    onDownload: (id) => void checkpoint.download(id),
    onDelete: (id) => void checkpoint.remove(id)
  });
  queueMicrotask(() => restoreRowFocus(list, focusAt, CHECKPOINT_ROWS));
  return list;
}

/** The checkpoint list's rows (CheckpointList marks each with its id) and their three buttons, in order. */
const CHECKPOINT_ROWS = {row: "data-id", controls: [1, 2, 3].map((n) => `td.actions button:nth-child(${n})`)};

/**
 * "Upload a checkpoint": a file field (FileField) whose every file chosen is kept as a checkpoint (checkpointActions'
 * upload), one after another in the order chosen, and what became of it is said under the field.
 */
export function UploadForm(checkpoint: Pick<ReturnType<typeof checkpointActions>, "upload">): HTMLElement {
  return FileField(
    {label: "Upload a checkpoint", accept: ".ckpt,application/octet-stream", className: "upload-form"},
    async (file) => {
      const note = Note("", {className: "upload-note"});
      await checkpoint.upload(file, {tell: (text) => (note.textContent = text)});
      return note;
    }
  );
}

/** "Stop": on only while a run starts or trains (canStop), which `sync` is told at every change of the run's status. */
export function StopButton(
  session: Pick<TrainingSession, "stop">
): HTMLElement & {sync(status: TrainingState["status"]): void} {
  const button = Inputs.button("Stop", {disabled: true, reduce: () => session.stop()});
  return Object.assign(button, {
    sync: (status: TrainingState["status"]) => (button.querySelector("button")!.disabled = !canStop(status))
  });
}
