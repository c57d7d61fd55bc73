import {forgetDataset, importDataset} from "../browser/importDataset.js";
import {onOtherTabChange} from "../browser/workbookChannel.js";
import type {ImportProgress} from "../movielens/importMovieLens.js";
import {RELEASE_ZIPS} from "../movielens/movielensRelease.js";

/** GroupLens's page that lists every MovieLens release for download. */
export const GROUPLENS_DOWNLOADS = "https://grouplens.org/datasets/movielens/";

const STAGES = {
  unzip: "Unzipping",
  movies: "Reading movies.dat",
  ratings: "Reading ratings.dat",
  index: "Indexing"
} as const;

/**
 * "Load MovieLens from your computer": a file input (any release's zip, RELEASE_ZIPS, or the files inside it) that
 * parses the files in a Web Worker with a progress bar, stores the result in this browser, and reloads the page onto
 * it; and, when the page already runs on such data, names it, with a button to forget it. The worker and the storage
 * are browser/importDataset's; this view shows their steps. `workerUrl` is the bundled import worker
 * (`FileAttachment("data/importWorker.js").url()`).
 */
export function DatasetLoader(
  {
    source,
    summary,
    stored = null
  }: {
    source: "browser" | "build";
    summary?: {dataset: {name: string; kind?: string; published?: boolean}};
    /** Which stored dataset the page shows (workbookData's `stored`), so Forget never forgets another. */
    stored?: {savedAt: string} | null;
  },
  {
    workerUrl,
    reload = () => location.reload(),
    confirm = (message: string) => globalThis.confirm(message)
  }: {workerUrl: string; reload?: () => void; confirm?: (message: string) => boolean}
): HTMLDetailsElement {
  const root = document.createElement("details");
  root.className = "dataset-loader";
  // Open when it is in use, and on a published site (with no data, or invented data): then it is the invitation.
  root.open = source === "browser" || summary?.dataset.kind === "none" || summary?.dataset.published === true;
  root.appendChild(document.createElement("summary")).textContent =
    source === "browser"
      ? `${summary?.dataset.name ?? "MovieLens from your computer"} is in use`
      : "Load MovieLens from your computer";
  // Where to get the data, with the two files most people want named, then how it is read and kept.
  const get = root.appendChild(document.createElement("p"));
  get.className = "dataset-loader-get";
  const grouplens = document.createElement("a");
  grouplens.href = GROUPLENS_DOWNLOADS;
  grouplens.textContent = "GroupLens's MovieLens page";
  get.append(
    "Download a release from ",
    grouplens,
    ": ml-latest-small.zip (100,000 ratings, 1 MB) for a quick start, or ml-10m.zip (10 million ratings, 63 MB), " +
      "the set the original notebook used."
  );
  const help = root.appendChild(document.createElement("p"));
  help.textContent =
    `Drop ${RELEASE_ZIPS} as downloaded from grouplens.org here, or the files inside it (movies.dat ` +
    `and ratings.dat, movies.csv and ratings.csv, or u.item and u.data), or choose them below. ` +
    `They are read here, in your browser, and stay on your computer: kept in this browser's storage for your next ` +
    `visits where the browser allows it (otherwise for this page only), never uploaded. ` +
    `Your ratings belong to each dataset: another dataset shows its own, and yours come back when you return.`;
  const input = root.appendChild(document.createElement("input"));
  input.type = "file";
  input.multiple = true;
  input.accept = ".zip,.dat,.csv,.data,.item,.genre";
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
      if (
        !confirm(
          `Forget ${summary?.dataset.name ?? "this data"} in this browser? Your ratings on it stay in this browser ` +
            `and come back if you load the same files again; the built-in dataset's own ratings apply again.`
        )
      )
        return;
      // The dataset forgotten is the one this page shows, or none: another tab may have loaded another since.
      const refused = await forgetDataset(stored?.savedAt ?? null).catch((error: Error) => {
        status.className = "dataset-loader-status error";
        status.textContent = `${error.message} Nothing was forgotten.`;
        return undefined;
      });
      if (refused === undefined) return;
      if (refused) {
        status.className = "dataset-loader-status error";
        status.textContent =
          `Nothing was forgotten: another tab has since loaded ${refused.now.name}, which this page does not show. ` +
          `Reload this page to see it, and forget it from there if you wish.`;
        showStale(refused.now.name);
        return;
      }
      reload();
    });
  }
  // Another tab loaded or forgot a dataset: this page still shows the one it opened with, so it says so, with a way to
  // follow. (Its actions on the dataset check what is stored now: browser/staleDataset.)
  const stale = document.createElement("p");
  stale.className = "dataset-loader-stale note";
  stale.setAttribute("role", "status");
  const showStale = (name?: string) => {
    root.open = true;
    stale.replaceChildren(
      `Another tab ${name ? `loaded ${name}` : "changed the dataset"} since this page opened; this page still ` +
        `shows ${summary?.dataset.name ?? "its own data"}. `
    );
    const button = stale.appendChild(document.createElement("button"));
    button.textContent = "Reload to follow";
    button.addEventListener("click", () => reload());
    root.insertBefore(stale, help);
  };
  onOtherTabChange("dataset", () => showStale());
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
    try {
      const onProgress = (p: ImportProgress) => {
        progress.max = p.total || 1;
        progress.value = p.total ? p.done : 0;
        status.textContent =
          `${p.file ? `Reading ${p.file}` : STAGES[p.stage]}… ` +
          `${p.total ? `${Math.round((100 * p.done) / p.total)}%` : ""}`;
      };
      const onSave = () => void (status.textContent = "Saving in this browser…");
      const {artifacts, parseSeconds} = await importDataset(files, {workerUrl, onProgress, onSave});
      const seconds = (performance.now() - started) / 1000;
      const ratings = artifacts.summary.counts.ratings;
      status.textContent =
        `Loaded ${ratings.toLocaleString("en-US")} ratings in ${seconds.toFixed(1)} s (parsing took ` +
        `${parseSeconds.toFixed(1)} s). Reloading…`;
      // The page reloads at once, so the timing also goes to the console, where benchmarks read it.
      console.info(`movielens-import: ${JSON.stringify({ratings, parseSeconds, totalSeconds: seconds})}`);
      reload();
    } catch (error) {
      status.className = "dataset-loader-status error";
      status.textContent = `${error instanceof Error ? error.message : String(error)} Nothing was stored.`;
      input.disabled = false;
      input.value = "";
    } finally {
      progress.hidden = true;
    }
  }
  return root;
}
