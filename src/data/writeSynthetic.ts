import {chmod, mkdir, mkdtemp, open, rm, stat, writeFile} from "node:fs/promises";
import {basename, dirname, join, resolve} from "node:path";
import {oracleMse} from "../components/synth/oracleMse.js";
import {splitRows} from "../components/split/splitRows.js";
import {RECIPE_DEFAULTS, TRAIN_DEFAULTS} from "../components/trainDefaults.js";
import {encodeRatings, formatRatings} from "../components/synth/encodeRatings.js";
import {formatMovies, formatMoviesCsv} from "../components/synth/formatMovies.js";
import {RATINGS_CSV} from "../components/movielens/parseRatingsCsv.js";
import {synthesize} from "../components/synth/synthesize.js";
import type {SynthMeta, SynthOptions} from "../components/synth/synthesize.js";
import {swapInto} from "./swapInto.js";

// Rows per write: ~9 MB of text at a time, so writing 10M ratings never holds the whole file in memory.
const SLICE = 200_000;

/**
 * Synthesizes a dataset and writes `movies.dat`, `ratings.dat`, `my_ratings.dat` and `SYNTHETIC.json` into `dir`,
 * replacing what was there only once every file is complete. With `csv`, the movies and ratings are written as the CSV
 * releases ship them instead (`movies.csv`, `ratings.csv` with its header),
 * as ML-32M's shape is for the scale benchmark.
 */
export async function writeSynthetic(
  dir: string,
  options: SynthOptions = {},
  log: (msg: string) => void = () => {},
  {csv = false}: {csv?: boolean} = {}
): Promise<SynthMeta> {
  dir = resolve(dir);
  const t0 = performance.now();
  const data = synthesize(options);
  const {users, movies, ratings} = data.meta.options;
  log(
    `synthesized ${ratings.toLocaleString("en-US")} ratings by ${users.toLocaleString("en-US")} users of ` +
      `${movies.toLocaleString("en-US")} movies in ${seconds(t0)} s`
  );
  // The Train page splits ratings.dat then my_ratings.dat with its default seed (42),
  // so the oracle is scored on that split.
  data.meta.oracleMse = oracleMse(
    data,
    splitRows(ratings + data.myRatings.userId.length, {seed: TRAIN_DEFAULTS.seed, validPct: RECIPE_DEFAULTS.validPct})
  );

  // 1. Write everything into a hidden temp folder beside dir, on the same file system so the final rename is atomic.
  await mkdir(dirname(dir), {recursive: true});
  const temp = await mkdtemp(join(dirname(dir), `.${basename(dir)}.tmp-`));
  try {
    await chmod(temp, 0o755); // mkdtemp makes it private; the data folder is meant to be shared like any other
    const t1 = performance.now();
    const [moviesFile, ratingsFile] = csv ? ["movies.csv", "ratings.csv"] : ["movies.dat", "ratings.dat"];
    await writeFile(join(temp, moviesFile), csv ? formatMoviesCsv(data.movies) : formatMovies(data.movies), "utf-8");
    const file = await open(join(temp, ratingsFile), "w");
    try {
      if (csv) await file.write(`${RATINGS_CSV.header}\n`);
      for (let start = 0; start < ratings; start += SLICE) {
        const bytes = encodeRatings(data.ratings, start, start + SLICE, {csv});
        // A write may be short; loop until the slice is all on disk.
        for (let at = 0; at < bytes.length;) at += (await file.write(bytes, at)).bytesWritten;
      }
    } finally {
      await file.close();
    }
    await writeFile(join(temp, "my_ratings.dat"), formatRatings(data.myRatings), "utf-8");
    await writeFile(join(temp, "SYNTHETIC.json"), `${JSON.stringify(data.meta, null, 2)}\n`, "utf-8");
    const size = (await stat(join(temp, ratingsFile))).size;
    const written =
      `${moviesFile}, ${ratingsFile} (${(size / 1e6).toFixed(0)} MB), ` +
      `my_ratings.dat (${data.myRatings.userId.length} ratings) and SYNTHETIC.json`;

    // 2. Swap it in, keeping the old folder until the new one is in place.
    await swapInto(temp, dir);
    log(`wrote ${written} to ${dir} in ${seconds(t1)} s`);
  } catch (error) {
    await rm(temp, {recursive: true, force: true});
    throw error;
  }
  return data.meta;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
