// While `npm run dev` runs, the dataset's files can change under it: a new my_ratings.dat exported from the Rate page,
// a replaced ratings.dat. Framework's preview reruns a loader only when the loader file is newer than
// its cached output, so on a change this makes the dataset's loaders newer, their content untouched:
// the preview reruns them when asked, and its own watch on the loader files (each page watches the files it
// attaches) pushes the new data to open pages.
import {MOVIELENS_FILES} from "../src/components/movielens/movielensFormat.js";
import {watch} from "node:fs";
import type {FSWatcher} from "node:fs";
import {readdir, utimes} from "node:fs/promises";
import {basename, dirname, join, resolve} from "node:path";
import {ROOT, datasetStamp, resolveDataset} from "../src/data/dataset.js";
import type {Dataset} from "../src/data/dataset.js";

/** The loaders in src/data that read the dataset's files: the ones to rerun when those change. */
export const DATASET_LOADERS = ["ratings.bin.ts", "movies.json.ts", "histogram.json.ts", "summary.json.ts"];

/** How long the files must hold still before a change counts, so a half-written or mid-rename file is not read. */
const SETTLE_MS = 300;
/** A backstop for what a watch misses: a dataset folder swapped whole, data/ml-10M100K appearing, a failed watch. */
const POLL_MS = 2000;

/** What the dataset looked like at one moment: its files' path, size and mtime, or why it could not be resolved. */
type Snapshot = {key: string; dataset: Dataset; files: Array<[string, number, number]>} | {key: string; error: string};

export interface WatchDatasetOptions {
  env?: NodeJS.ProcessEnv;
  root?: string;
  /** The preview server's process id, whose loaders' temporary outputs tell that a loader is running. */
  previewPid?: number;
  /** Where the one line about each change goes. */
  log?: (message: string) => void;
}

/**
 * Watches the dataset's files (movies.dat, ratings.dat, my_ratings.dat or MY_RATINGS: created, replaced, edited or
 * removed) and, once a change has settled, makes the dataset's loaders stale and says so in one line.
 */
export async function watchDataset({
  env = process.env,
  root = ROOT,
  previewPid,
  log = (m) => console.error(m)
}: WatchDatasetOptions = {}): Promise<{close(): void}> {
  let applied = await snapshot(env, root, log);
  let good = "dataset" in applied ? applied : null;
  let pending = applied;
  let pendingSince = 0;
  let closed = false;
  let checking: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const watchers = new Map<string, FSWatcher>();

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!closed) timer = setTimeout(check, ms);
  };

  async function check(): Promise<void> {
    if (checking) {
      again = true; // look once more when this look is done
      return;
    }
    checking = (async () => {
      const seen = await snapshot(env, root, log);
      if (closed) return;
      if (seen.key !== pending.key) {
        pending = seen; // still moving: look again once it holds still
        pendingSince = Date.now();
        return schedule(SETTLE_MS);
      }
      if (Date.now() - pendingSince < SETTLE_MS) return schedule(SETTLE_MS - (Date.now() - pendingSince));
      if (seen.key === applied.key) return;
      applied = seen;
      if ("error" in seen) return log(`${seen.error} The pages keep the previous data until this is fixed.`);
      const change = describeChange(good, seen);
      good = seen;
      if (!change) return log("The dataset's files are back as they were: the pages keep their data.");
      log(`${change}: the pages will reload with the new data.`);
      await makeLoadersStale({root, previewPid});
    })();
    try {
      await checking;
    } catch (error) {
      log(
        `Could not follow the dataset's change (${error instanceof Error ? error.message : String(error)}): ` +
          `restart \`npm run dev\` to load the new data.`
      );
    } finally {
      checking = null;
      if (!closed) syncWatches();
      if (again) {
        again = false;
        schedule(0);
      }
    }
  }

  // Watch the folders rather than the files, so files created, removed or replaced by a rename are seen too.
  function syncWatches(): void {
    const names = new Set(MOVIELENS_FILES);
    const dirs = new Set<string>();
    if (good) dirs.add(good.dataset.dir);
    if (env.MY_RATINGS) {
      const path = resolve(root, env.MY_RATINGS);
      names.add(basename(path));
      dirs.add(dirname(path));
    }
    for (const [dir, watcher] of watchers) {
      if (dirs.has(dir)) continue;
      watcher.close();
      watchers.delete(dir);
    }
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, (_event, name) => {
          if (name === null || names.has(String(name))) schedule(SETTLE_MS);
        });
        // The folder was removed, say: drop the watch, and the poll carries on until it is back.
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch {
        // The folder is missing for now; the poll sees it come back.
      }
    }
  }

  syncWatches();
  const poll = setInterval(() => void check(), POLL_MS);
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(poll);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    }
  };
}

async function snapshot(env: NodeJS.ProcessEnv, root: string, log: (message: string) => void): Promise<Snapshot> {
  try {
    const dataset = await resolveDataset({env, root, log});
    const stamp = datasetStamp(dataset);
    return {key: `${dataset.dir}\0${stamp}`, dataset, files: JSON.parse(stamp)};
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {key: `error\0${message}`, error: message};
  }
}

/** Says in a few words how the dataset changed ("my_ratings.dat changed"), or "" when it did not. */
export function describeChange(
  before: {dataset: Dataset; files: Array<[string, number, number]>} | null,
  after: {dataset: Dataset; files: Array<[string, number, number]>}
): string {
  if (!before || before.dataset.dir !== after.dataset.dir)
    return `The dataset is now ${after.dataset.name}, from ${after.dataset.dir}`;
  const old = new Map(before.files.map(([path, size, mtime]) => [path, `${size}:${mtime}`]));
  const now = new Map(after.files.map(([path, size, mtime]) => [path, `${size}:${mtime}`]));
  const changes: string[] = [];
  for (const [path, stat] of now) {
    if (!old.has(path)) changes.push(`${basename(path)} appeared`);
    else if (old.get(path) !== stat) changes.push(`${basename(path)} changed`);
  }
  for (const path of old.keys()) if (!now.has(path)) changes.push(`${basename(path)} was removed`);
  return changes.join(", ");
}

/**
 * Makes the dataset's loaders newer than their cached output, without changing their content. A loader that was
 * already running may have read the old files, so once it has written its output they are made newer again.
 */
export async function makeLoadersStale({
  root = ROOT,
  previewPid
}: {root?: string; previewPid?: number} = {}): Promise<void> {
  const running = await runningOutputs(root, previewPid);
  await touchLoaders(root);
  if (running.length === 0) return;
  for (
    let waited = 0;
    waited < 600_000 && (await runningOutputs(root, previewPid)).some((f) => running.includes(f));
    waited += 250
  ) {
    await new Promise((done) => setTimeout(done, 250));
  }
  await touchLoaders(root);
}

async function touchLoaders(root: string): Promise<void> {
  const now = new Date();
  await Promise.all(DATASET_LOADERS.map((name) => utimes(join(root, "src/data", name), now, now)));
}

/** The temporary outputs of the dataset's loaders that the preview is writing now (`summary.json.<pid>`). */
async function runningOutputs(root: string, previewPid: number | undefined): Promise<string[]> {
  const outputs = new Set(DATASET_LOADERS.map((name) => name.replace(/\.ts$/, "")));
  const files = await readdir(join(root, "src/.observablehq/cache/data")).catch(() => [] as string[]);
  return files.filter((f) => {
    const match = /^(.+)\.(\d+)$/.exec(f);
    return match !== null && outputs.has(match[1]) && (previewPid === undefined || Number(match[2]) === previewPid);
  });
}
