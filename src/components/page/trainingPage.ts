import {Generators} from "observablehq:stdlib";
import {createTrainingSession, runInProgress} from "../browser/trainingSession.js";
import type {TrainingSession, TrainingState} from "../browser/trainingSession.js";
import {wasmUrls} from "../browser/wasmUrls.js";
import type {WorkbookData} from "../browser/workbookData.js";
import {EpochTable} from "../ui/EpochTable.js";
import {LossChart} from "../ui/LossChart.js";
import {RankingTable} from "../ui/RankingTable.js";
import {TrainingProgress, announceTraining} from "../ui/TrainingProgress.js";
import {Nothing} from "../ui/Nothing.js";
import {WORKBOOK_FILES} from "./workbookFiles.js";
import type {BuildFile} from "./workbookFiles.js";

/** What every run a page starts trains on: the ratings, TF.js's WebAssembly binaries and the dataset's names. */
export interface TrainingData {
  ratingsUrl: string;
  /** The URLs of TF.js's WebAssembly binaries, for the wasm backend (wasmUrls). */
  wasmUrls: Record<string, string>;
  dataset: {catalogue: string; name: string};
}

/**
 * A page's training session in one call (Train, Save and resume, Recommendations): the training worker started, ended
 * when the page's cell is (`invalidation`), and what happens said to a screen reader too (announceTraining); what
 * every run trains on; and the session's `states`. `files` are the build's files (WORKBOOK_FILES; tests pass theirs).
 */
export async function trainingPage(
  data: Pick<WorkbookData, "ratingsUrl" | "summary">,
  invalidation: Promise<unknown>,
  files: {trainWorker: () => BuildFile; wasm: () => (BuildFile & {name: string})[]} = WORKBOOK_FILES,
  start: (workerUrl: string) => TrainingSession = createTrainingSession
): Promise<{session: TrainingSession; trainingData: TrainingData; states: AsyncGenerator<TrainingState>}> {
  const session = start(await files.trainWorker().url());
  void invalidation.then(() => session.terminate());
  void invalidation.then(announceTraining(session));
  const trainingData = {
    ratingsUrl: data.ratingsUrl,
    wasmUrls: await wasmUrls(files.wasm()),
    dataset: {catalogue: data.summary.catalogue, name: data.summary.dataset.name}
  };
  // The session's states, for a page's top-level variable (Framework's Generators.observe) that its views follow.
  const states = Generators.observe<TrainingState>((notify) => session.subscribe(notify));
  return {session, trainingData, states};
}

/**
 * What a page shows of its training session (Train, Save and resume): the run's progress in words, the loss chart
 * (with the synthetic set's noise floor and oracle, and the epochs the run is planned for, when given), the epoch
 * table, and, once the run ends, its ranking evaluation (an empty element clears the last run's while the next one
 * trains).
 */
export function RunViews(
  state: TrainingState,
  {
    width,
    synthetic = null,
    settingsEpochs,
    progress = true
  }: {
    width: number;
    /**
     * Whether to show the run's progress in words too (false where the page shows it in a cell of its own: the Train
     * page, whose tests and announcements read the status there as soon as it changes).
     */
    progress?: boolean;
    /** The synthetic set's reference errors, when the data is synthetic. */
    synthetic?: {noiseFloorMse: number; oracleMse?: number | null} | null;
    /** The epochs the form would train, shown on the chart's axis before a run starts; omit for no planned axis. */
    settingsEpochs?: number;
  }
): HTMLElement {
  const references = synthetic
    ? [
        {label: "noise floor", mse: synthetic.noiseFloorMse},
        ...(synthetic.oracleMse ? [{label: "oracle", mse: synthetic.oracleMse}] : [])
      ]
    : [];
  const epochs =
    settingsEpochs === undefined
      ? undefined
      : state.rows.length && state.hyper
        ? state.rows[0].epoch + state.hyper.epochs
        : (state.hyper?.epochs ?? settingsEpochs);
  const root = document.createElement("div");
  root.className = "run-views";
  if (progress) root.append(TrainingProgress(state));
  root.append(
    LossChart(state.rows, {batchLosses: state.batchLosses, width, references, epochs}),
    EpochTable(state.rows),
    state.ranking && !runInProgress(state.status) ? RankingTable(state.ranking, {diverged: state.diverged}) : Nothing()
  );
  return root;
}
