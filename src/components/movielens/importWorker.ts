// The import worker: unzips and parses a visitor's MovieLens in a Web Worker, so the page stays responsive while
// 265 MB of ratings are read. The pages bundle it with a data loader (src/data/importWorker.js.ts).
import type {DatasetArtifacts} from "./datasetArtifacts.js";
import {importMovieLens} from "./importMovieLens.js";
import type {ImportProgress} from "./importMovieLens.js";
import {importFailureMessage} from "./importFailureMessage.js";

/**
 * What the page sends: the dropped files (ml-10m.zip, or the .dat files), and optionally a my_ratings.dat to append.
 */
export interface ImportRequest {
  type: "import";
  files: {name: string; bytes: ArrayBuffer}[];
  myRatings?: ArrayBuffer | null;
}

/** What the worker posts back: progress (at most ~10 a second), then the artifacts or one error message. */
export type ImportEvent =
  | ({type: "progress"} & ImportProgress)
  | {type: "done"; artifacts: DatasetArtifacts; seconds: number}
  | {type: "error"; message: string};

// Progress is posted at most this often, besides each change of stage and each stage's end.
const PROGRESS_MS = 100;

/** Runs one import and posts its events; the ratings file's buffer is transferred, not copied. */
export async function runImport(
  request: ImportRequest,
  post: (event: ImportEvent, transfer?: Transferable[]) => void,
  now: () => number = () => performance.now()
): Promise<void> {
  const started = now();
  let last = -Infinity;
  let lastStage = "";
  const onProgress = (p: ImportProgress) => {
    const t = now();
    if (t - last < PROGRESS_MS && p.stage === lastStage && p.done !== p.total) return;
    last = t;
    lastStage = p.stage;
    post({type: "progress", stage: p.stage, done: p.done, total: p.total});
  };
  try {
    const files = request.files.map((f) => ({name: f.name, bytes: new Uint8Array(f.bytes)}));
    const myRatings =
      request.myRatings === undefined ? undefined : request.myRatings && new Uint8Array(request.myRatings);
    const artifacts = await importMovieLens(files, {onProgress, myRatings});
    let {ratingsFile} = artifacts;
    // Transfer needs a buffer that holds exactly the file; encodeRatingsFile makes one, but do not rely on it.
    if (ratingsFile.byteOffset !== 0 || ratingsFile.byteLength !== ratingsFile.buffer.byteLength)
      ratingsFile = ratingsFile.slice();
    post({type: "done", artifacts: {...artifacts, ratingsFile}, seconds: (now() - started) / 1000}, [
      ratingsFile.buffer as ArrayBuffer
    ]);
  } catch (error) {
    post({
      type: "error",
      message: importFailureMessage(
        error,
        request.files.map((f) => ({name: f.name, size: f.bytes.byteLength}))
      )
    });
  }
}

// Only inside a worker: in Node (tests) importing this module just gives runImport.
if (typeof self !== "undefined" && typeof (self as {postMessage?: unknown}).postMessage === "function") {
  const scope = self as unknown as Worker;
  scope.onmessage = (event: MessageEvent<ImportRequest>) => {
    if (event.data?.type === "import") void runImport(event.data, (e, transfer = []) => scope.postMessage(e, transfer));
  };
}
