import {existsSync, readFileSync, readdirSync, statSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {DatasetInfo} from "../components/movielens/datasetArtifacts.js";
import type {IndexedRatings} from "../components/movielens/indexRatings.js";
import {MOVIELENS_FORMATS, movielensFormat} from "../components/movielens/movielensFormat.js";
import type {MovielensFormat} from "../components/movielens/movielensFormat.js";
import {RELEASE_KEYS, movielensName, releaseByKey, releaseCounts} from "../components/movielens/movielensRelease.js";
import {movedUserNote} from "../components/movielens/moveClashingUser.js";
import {SITE_SYNTH} from "../components/synth/synthesize.js";
import type {SynthMeta} from "../components/synth/synthesize.js";
import {writeSynthetic} from "./writeSynthetic.js";

/** The project root, whatever the working directory of the loader that imports this. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Where the real MovieLens 10M goes (gitignored), relative to the project root; `npm run data:fetch` writes it there.
 */
export const MOVIELENS_HOME = "data/ml-10M100K";

/**
 * Where `npm run data:fetch -- --release <key>` puts a release, and MOVIELENS_RELEASE=<key> finds it:
 * data/<its zip's folder>.
 */
export function releaseHome(key: string): string {
  const release = releaseByKey(key);
  if (!release) throw new Error(`Unknown MovieLens release "${key}": expected one of ${RELEASE_KEYS.join(", ")}.`);
  return `data/${release.folder}`;
}

/** Where the built-in synthetic demo dataset is generated (gitignored). */
export const SYNTHETIC_HOME = "data/synthetic";

/** The dataset the build uses, and how to describe it to a reader. */
export interface Dataset {
  kind: "movielens" | "synthetic";
  /**
   * How it was found: MOVIELENS_DIR, the release's folder (MOVIELENS_RELEASE's, else MOVIELENS_HOME),
   * or the built-in fallback.
   */
  origin: "MOVIELENS_DIR" | `data/${string}` | "built-in";
  dir: string;
  /** Its files' format (movielensFormat): ratings.dat, u.data or ratings.csv beside their movies file. */
  format: MovielensFormat["id"];
  moviesPath: string;
  ratingsPath: string;
  /** ML-100K's u.genre, when the folder has it; else null. */
  genresPath: string | null;
  myRatingsPath: string | null;
  /** The folder as a reader would name it: relative to the project when inside it. */
  where: string;
  /** Its name; real MovieLens is named by its counts only once it is read (describeDataset). */
  name: string;
  /** One line for the top of every page. */
  banner: string;
  synthetic: SynthMeta | null;
  /** Built for a public site (WORKBOOK_PUBLISH=1, `npm run build:publish`): the words speak to a visitor. */
  published: boolean;
}

/**
 * The banner of a public site published with the synthetic data: a visitor is told the movies are invented, and how
 * to use real ratings, with no command line. Its link is written as Markdown, which DatasetBanner renders.
 */
export const PUBLISHED_SYNTHETIC_BANNER =
  "The movies and ratings here are invented: a synthetic dataset shaped like MovieLens, so that every step works " +
  "before you bring real data. To use real ratings, download a release from " +
  "[GroupLens](https://grouplens.org/datasets/movielens/) and load it from your computer below.";

/**
 * The files a MovieLens folder must hold for the workbook to run; `npm run data:fetch` also requires them in the zip.
 */
export const REQUIRED_FILES = ["movies.dat", "ratings.dat"] as const;

/**
 * Resolves the dataset: `MOVIELENS_DIR`, then `MOVIELENS_RELEASE` (a key such as `ml-1m`: `data/ml-1m/`, as
 * `npm run data:fetch -- --release ml-1m` writes it), then `data/ml-10M100K/`, then the built-in synthetic dataset
 * (generated on first use). The folder may hold any release's files (movielensFormat). `MY_RATINGS` names a
 * `my_ratings.dat`; otherwise one beside the ratings is used when present.
 */
export async function resolveDataset({
  env = process.env,
  root = ROOT,
  log = () => {}
}: {env?: NodeJS.ProcessEnv; root?: string; log?: (message: string) => void} = {}): Promise<Dataset> {
  let origin: Dataset["origin"];
  let dir: string;
  if (env.MOVIELENS_DIR) {
    origin = "MOVIELENS_DIR";
    dir = resolve(root, env.MOVIELENS_DIR);
    const missing = missingFiles(dir);
    if (missing.length) {
      throw new Error(
        `MOVIELENS_DIR=${env.MOVIELENS_DIR} has no ${missing.join(" or ")}. Point it at the folder that holds ` +
          `movies.dat and ratings.dat (e.g. ml-10M100K), movies.csv and ratings.csv, or u.item and u.data, or unset it.`
      );
    }
  } else if (env.MOVIELENS_RELEASE) {
    const home = releaseHome(env.MOVIELENS_RELEASE);
    origin = home as Dataset["origin"];
    dir = join(root, home);
    const missing = missingFiles(dir);
    if (missing.length)
      throw new Error(
        `MOVIELENS_RELEASE=${env.MOVIELENS_RELEASE}: ${home}/ has no ${missing.join(" or ")}. ` +
          `Run \`npm run data:fetch -- --release ${env.MOVIELENS_RELEASE}\`, or unset it.`
      );
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
    ? `Synthetic MovieLens-shaped data (${synthetic.options.ratings.toLocaleString("en-US")} ` +
      `ratings, seed ${synthetic.options.seed})`
    : "MovieLens-format data";
  const published = env.WORKBOOK_PUBLISH === "1";
  const banner = !synthetic
    ? movielensBanner(name, where)
    : published
      ? PUBLISHED_SYNTHETIC_BANNER
      : `${name}, from ${where}/. Run \`npm run data:fetch\` for MovieLens 10M.`;
  const format = folderFormat(dir);
  const genresPath = format.genres ? join(dir, format.genres) : null;
  return {
    kind: synthetic ? "synthetic" : "movielens",
    origin,
    dir,
    format: format.id,
    moviesPath: join(dir, format.movies),
    ratingsPath: join(dir, format.ratings),
    genresPath: genresPath && existsSync(genresPath) ? genresPath : null,
    myRatingsPath: existsSync(myRatingsPath) ? myRatingsPath : null,
    where,
    name,
    banner,
    synthetic,
    published
  };
}

/** The format of the files in a folder (.dat when there are none, so that is what a missing file is named as). */
function folderFormat(dir: string): MovielensFormat {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    // a folder that does not exist holds no format
  }
  return movielensFormat(names) ?? MOVIELENS_FORMATS[0];
}

/** The movies and ratings files a folder lacks, in its format. */
function missingFiles(dir: string): string[] {
  const format = folderFormat(dir);
  return [format.movies, format.ratings].filter((f) => !existsSync(join(dir, f)));
}

function movielensBanner(name: string, where: string, movedUser?: number): string {
  return `${name}, from ${where}/.${movedUser ? ` ${movedUserNote(movedUser)}` : ""}`;
}

/**
 * How the pages describe the dataset once it is read: real MovieLens named by its counts ("MovieLens 1M", "MovieLens
 * 10M", or "MovieLens-format data, N movies, M ratings") or, for a snapshot release, its folder ("MovieLens Latest
 * Small"), as the browser's import names a visitor's; synthetic as it is. The banner says when the release's own user
 * 99999 was renumbered (`ratings.report.movedUser`).
 */
export function describeDataset(
  dataset: Dataset,
  {
    movies,
    ratings,
    rows
  }: {
    movies: unknown[];
    ratings: Pick<IndexedRatings, "userIds"> & {report?: {movedUser?: number}};
    rows: {ratings: number};
  }
): DatasetInfo {
  const {kind, origin, synthetic, format} = dataset;
  if (kind !== "movielens")
    return {
      kind,
      origin,
      name: dataset.name,
      banner: dataset.banner,
      synthetic,
      format,
      ...(dataset.published ? {published: true} : {})
    };
  const name = movielensName(
    releaseCounts({ratings: rows.ratings, movies: movies.length, userIds: ratings.userIds}),
    dataset.dir
  );
  return {
    kind,
    origin,
    name,
    banner: movielensBanner(name, dataset.where, ratings.report?.movedUser),
    synthetic,
    format
  };
}

function isCurrentSynthetic(dir: string): boolean {
  try {
    const meta = JSON.parse(readFileSync(join(dir, "SYNTHETIC.json"), "utf-8")) as SynthMeta;
    // A set written before SYNTHETIC.json carried the oracle's MSE is regenerated, so the Train page can draw it.
    return (
      JSON.stringify(meta.options) === JSON.stringify(SITE_SYNTH) &&
      typeof meta.oracleMse === "number" &&
      REQUIRED_FILES.every((f) => existsSync(join(dir, f)))
    );
  } catch {
    return false;
  }
}

/**
 * A cheap fingerprint of the dataset's files (path, size, modification time),
 * to know when cached loader output is stale.
 */
export function datasetStamp(dataset: Dataset): string {
  const files = [dataset.moviesPath, dataset.ratingsPath, dataset.genresPath, dataset.myRatingsPath].filter(
    (f): f is string => f !== null
  );
  return JSON.stringify(
    files.map((f) => {
      const {size, mtimeMs} = statSync(f);
      return [f, size, Math.round(mtimeMs)];
    })
  );
}
