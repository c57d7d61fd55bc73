import type {ImportEvent, ImportRequest} from "../movielens/importWorker.js";
import {openDatasetStore} from "../browser/datasetStore.js";
import {RELEASE_ZIPS} from "../movielens/movielensRelease.js";

const STAGES = {unzip: "Unzipping", movies: "Reading movies.dat", ratings: "Reading ratings.dat", index: "Indexing"} as const;

/**
 * "Load MovieLens from your computer": a file input (ml-10m.zip or ml-1m.zip, or movies.dat and ratings.dat) that
 * parses the files in a Web Worker with a progress bar, stores the result in this browser, and reloads the page onto
 * it; and, when the page already runs on such data, names it, with a button to forget it.
 */
export function DatasetLoader({source, summary}: {source: "browser" | "build"; summary?: {dataset: {name: string; kind?: string}}}, {workerUrl, reload = () => location.reload(), confirm = (message: string) => globalThis.confirm(message)}: {workerUrl: string; reload?: () => void; confirm?: (message: string) => boolean}): HTMLElement {
  const root = document.createElement("details");
  root.className = "dataset-loader";
  // Open when it is in use, and when the page has no data (a published workbook): then it is the page's invitation.
  root.open = source === "browser" || summary?.dataset.kind === "none";
  root.appendChild(document.createElement("summary")).textContent = source === "browser" ? `${summary?.dataset.name ?? "MovieLens from your computer"} is in use` : "Load MovieLens from your computer";
  const help = root.appendChild(document.createElement("p"));
  help.textContent = `Drop ${RELEASE_ZIPS} as downloaded from grouplens.org here, or the movies.dat and ratings.dat inside it, or choose them below. They are read here, in your browser, kept in its storage for your next visits, and never uploaded. Your ratings belong to each dataset: another dataset shows its own, and yours come back when you return.`;
  const input = root.appendChild(document.createElement("input"));
  input.type = "file";
  input.multiple = true;
  input.accept = ".zip,.dat";
  input.setAttribute("aria-label", "MovieLens files");
  const progress = root.appendChild(document.createElement("progress"));
  progress.hidden = true;
  const status = root.appendChild(document.createElement("p"));
  status.className = "dataset-loader-status";
  status.setAttribute("role", "status");
  if (source === "browser") {
    const forget = root.appendChild(document.createElement("button"));
    forget.textContent = "Forget this data";
    forget.addEventListener("click", async () => {
      // My ratings are kept per catalogue (myRatingsStorage), so forgetting the data does not touch them: say so.
      if (!confirm(`Forget ${summary?.dataset.name ?? "this data"} in this browser? Your ratings on it stay in this browser and come back if you load the same files again; the built-in dataset's own ratings apply again.`)) return;
      const store = await openDatasetStore();
      await store.forget();
      store.close();
      reload();
    });
  }
  // Files can be dropped anywhere on the control, as well as chosen with the input.
  root.addEventListener("dragover", (event) => {
    event.preventDefault();
    root.open = true;
    root.classList.add("dragging");
  });
  root.addEventListener("dragleave", () => root.classList.remove("dragging"));
  root.addEventListener("drop", (event) => {
    event.preventDefault();
    root.classList.remove("dragging");
    if (!input.disabled && event.dataTransfer?.files.length) void load([...event.dataTransfer.files]);
  });
  input.addEventListener("change", () => void load([...(input.files ?? [])]));
  async function load(files: File[]) {
    if (!files.length) return;
    input.disabled = true;
    progress.hidden = false;
    progress.removeAttribute("value");
    status.className = "dataset-loader-status";
    status.textContent = "Reading the files…";
    const started = performance.now();
    const worker = new Worker(workerUrl, {type: "module"});
    try {
      const request: ImportRequest = {type: "import", files: await Promise.all(files.map(async (f) => ({name: f.name, bytes: await f.arrayBuffer()})))};
      const done = await new Promise<Extract<ImportEvent, {type: "done"}>>((resolve, reject) => {
        worker.onerror = (event) => reject(new Error(event.message || "the import worker failed to start"));
        worker.onmessage = ({data}: MessageEvent<ImportEvent>) => {
          if (data.type === "error") reject(new Error(data.message));
          else if (data.type === "done") resolve(data);
          else {
            progress.max = data.total || 1;
            progress.value = data.total ? data.done : 0;
            status.textContent = `${STAGES[data.stage]}… ${data.total ? `${Math.round((100 * data.done) / data.total)}%` : ""}`;
          }
        };
        worker.postMessage(request, request.files.map((f) => f.bytes));
      });
      status.textContent = "Saving in this browser…";
      const store = await openDatasetStore();
      await store.save(done.artifacts);
      store.close();
      const seconds = (performance.now() - started) / 1000;
      status.textContent = `Loaded ${done.artifacts.summary.counts.ratings.toLocaleString("en-US")} ratings in ${seconds.toFixed(1)} s (parsing took ${done.seconds.toFixed(1)} s). Reloading…`;
      // The page reloads at once, so the timing also goes to the console, where benchmarks read it.
      console.info(`movielens-import: ${JSON.stringify({ratings: done.artifacts.summary.counts.ratings, parseSeconds: done.seconds, totalSeconds: seconds})}`);
      reload();
    } catch (error) {
      status.className = "dataset-loader-status error";
      status.textContent = `${error instanceof Error ? error.message : String(error)} Nothing was stored.`;
      input.disabled = false;
      input.value = "";
    } finally {
      progress.hidden = true;
      worker.terminate();
    }
  }
  return root;
}
