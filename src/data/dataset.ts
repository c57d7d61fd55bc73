import {existsSync, readFileSync, statSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {DatasetInfo} from "../components/movielens/datasetArtifacts.js";
import type {IndexedRatings} from "../components/movielens/indexRatings.js";
import {movielensName, releaseCounts} from "../components/movielens/movielensRelease.js";
import {SITE_SYNTH} from "../components/synth/synthesize.js";
import type {SynthMeta} from "../components/synth/synthesize.js";
import {writeSynthetic} from "./writeSynthetic.js";

/** The project root, whatever the working directory of the loader that imports this. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Where the real MovieLens 10M goes (gitignored), relative to the project root; `npm run data:fetch` writes it there. */
export const MOVIELENS_HOME = "data/ml-10M100K";

/** Where the built-in synthetic demo dataset is generated (gitignored). */
export const SYNTHETIC_HOME = "data/synthetic";

/** The dataset the build uses, and how to describe it to a reader. */
export interface Dataset {
  kind: "movielens" | "synthetic";
  /** How it was found: the environment variable, the default folder, or the built-in fallback. */
  origin: "MOVIELENS_DIR" | typeof MOVIELENS_HOME | "built-in";
  dir: string;
  moviesPath: string;
  ratingsPath: string;
  myRatingsPath: string | null;
  /** The folder as a reader would name it: relative to the project when inside it. */
  where: string;
  /** Its name; real MovieLens is named by its counts only once it is read (describeDataset). */
  name: string;
  /** One line for the top of every page. */
  banner: string;
  synthetic: SynthMeta | null;
}

/** The files a MovieLens folder must hold for the workbook to run; `npm run data:fetch` also requires them in the zip. */
export const REQUIRED_FILES = ["movies.dat", "ratings.dat"] as const;

/**
 * Resolves the dataset: `MOVIELENS_DIR`, then `data/ml-10M100K/`, then the built-in synthetic dataset (generated on
 * first use). `MY_RATINGS` names a `my_ratings.dat`; otherwise one beside `ratings.dat` is used when present.
 */
export async function resolveDataset(
  {env = process.env, root = ROOT, log = () => {}}: {env?: NodeJS.ProcessEnv; root?: string; log?: (message: string) => void} = {}
): Promise<Dataset> {
  let origin: Dataset["origin"];
  let dir: string;
  if (env.MOVIELENS_DIR) {
    origin = "MOVIELENS_DIR";
    dir = resolve(root, env.MOVIELENS_DIR);
    const missing = REQUIRED_FILES.filter((f) => !existsSync(join(dir, f)));
    if (missing.length) {
      throw new Error(`MOVIELENS_DIR=${env.MOVIELENS_DIR} has no ${missing.join(" or ")}. Point it at the folder that holds movies.dat and ratings.dat (e.g. ml-10M100K), or unset it.`);
    }
  } else if (REQUIRED_FILES.every((f) => existsSync(join(root, MOVIELENS_HOME, f)))) {
    origin = MOVIELENS_HOME;
    dir = join(root, MOVIELENS_HOME);
  } else {
    origin = "built-in";
    dir = join(root, SYNTHETIC_HOME);
    if (!isCurrentSynthetic(dir)) {
      log(`Generating the synthetic demo dataset in ${SYNTHETIC_HOME}/ …`);
      await writeSynthetic(dir, SITE_SYNTH);
    }
  }
  const metaPath = join(dir, "SYNTHETIC.json");
  const synthetic = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, "utf-8")) as SynthMeta) : null;
  const myRatingsPath = env.MY_RATINGS ? resolve(root, env.MY_RATINGS) : join(dir, "my_ratings.dat");
  if (env.MY_RATINGS && !existsSync(myRatingsPath)) throw new Error(`MY_RATINGS=${env.MY_RATINGS} does not exist.`);
  const shown = relative(root, dir) || ".";
  const where = shown.startsWith("..") ? dir : shown;
  const name = synthetic
    ? `Synthetic MovieLens-shaped data (${synthetic.options.ratings.toLocaleString("en-US")} ratings, seed ${synthetic.options.seed})`
    : "MovieLens-format data";
  const banner = synthetic
    ? `${name}, from ${where}/. Run \`npm run data:fetch\` for MovieLens 10M.`
    : movielensBanner(name, where);
  return {
    kind: synthetic ? "synthetic" : "movielens",
    origin,
    dir,
    moviesPath: join(dir, "movies.dat"),
    ratingsPath: join(dir, "ratings.dat"),
    myRatingsPath: existsSync(myRatingsPath) ? myRatingsPath : null,
    where,
    name,
    banner,
    synthetic
  };
}

function movielensBanner(name: string, where: string): string {
  return `${name}, from ${where}/.`;
}

/**
 * How the pages describe the dataset once it is read: real MovieLens named by its counts ("MovieLens 1M", "MovieLens
 * 10M", or "MovieLens-format data, N movies, M ratings"), as the browser's import names a visitor's; synthetic as it is.
 */
export function describeDataset(dataset: Dataset, {movies, ratings, rows}: {movies: unknown[]; ratings: Pick<IndexedRatings, "userIds">; rows: {ratings: number}}): DatasetInfo {
  const {kind, origin, synthetic} = dataset;
  if (kind !== "movielens") return {kind, origin, name: dataset.name, banner: dataset.banner, synthetic};
  const name = movielensName(releaseCounts({ratings: rows.ratings, movies: movies.length, userIds: ratings.userIds}));
  return {kind, origin, name, banner: movielensBanner(name, dataset.where), synthetic};
}

function isCurrentSynthetic(dir: string): boolean {
  try {
    const meta = JSON.parse(readFileSync(join(dir, "SYNTHETIC.json"), "utf-8")) as SynthMeta;
    // A set written before SYNTHETIC.json carried the oracle's MSE is regenerated, so the Train page can draw it.
    return JSON.stringify(meta.options) === JSON.stringify(SITE_SYNTH) && typeof meta.oracleMse === "number" && REQUIRED_FILES.every((f) => existsSync(join(dir, f)));
  } catch {
    return false;
  }
}

/** A cheap fingerprint of the dataset's files (path, size, modification time), to know when cached loader output is stale. */
export function datasetStamp(dataset: Dataset): string {
  const files = [dataset.moviesPath, dataset.ratingsPath, dataset.myRatingsPath].filter((f): f is string => f !== null);
  return JSON.stringify(files.map((f) => {
    const {size, mtimeMs} = statSync(f);
    return [f, size, Math.round(mtimeMs)];
  }));
}
