import {createTrainingSession} from "../browser/trainingSession.js";
import type {TrainingSession} from "../browser/trainingSession.js";
import {wasmUrls} from "../browser/wasmUrls.js";
import type {WorkbookData} from "../browser/workbookData.js";
import {announceTraining} from "../ui/TrainingProgress.js";
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
 * when the page's cell is (`invalidation`), and what happens said to a screen reader too (announceTraining); and what
 * every run trains on. `files` are the build's files (WORKBOOK_FILES; tests pass their own).
 */
export async function trainingPage(
  data: Pick<WorkbookData, "ratingsUrl" | "summary">,
  invalidation: Promise<unknown>,
  files: {trainWorker: () => BuildFile; wasm: () => (BuildFile & {name: string})[]} = WORKBOOK_FILES,
  start: (workerUrl: string) => TrainingSession = createTrainingSession
): Promise<{session: TrainingSession; trainingData: TrainingData}> {
  const session = start(await files.trainWorker().url());
  void invalidation.then(() => session.terminate());
  void invalidation.then(announceTraining(session));
  const trainingData = {
    ratingsUrl: data.ratingsUrl,
    wasmUrls: await wasmUrls(files.wasm()),
    dataset: {catalogue: data.summary.catalogue, name: data.summary.dataset.name}
  };
  return {session, trainingData};
}
