import {existsSync} from "node:fs";
import {mkdir, open, readFile, rename, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {indexRatings} from "../src/components/movielens/indexRatings.js";
import type {RatingsTable} from "../src/components/movielens/ratingsFile.js";
import {oracleMse} from "../src/components/synth/oracleMse.js";
import {splitRows} from "../src/components/split/splitRows.js";
import {RECIPE_DEFAULTS, TRAIN_DEFAULTS} from "../src/components/trainDefaults.js";
import {formatRatings} from "../src/components/synth/encodeRatings.js";
import {synthesize} from "../src/components/synth/synthesize.js";
import type {SynthMeta, SynthOptions, SyntheticDataset} from "../src/components/synth/synthesize.js";

/**
 * A cached synthetic set: `ratings.dat` for the PyTorch reference, and the indexed columns as raw
 * little-endian files for this engine.
 */
export interface SyntheticSet {
  dir: string;
  ratingsPath: string;
  meta: SynthMeta;
  /** The oracle's valid MSE (see oracleMse) on the split that training uses by default: seed 42, 20% validation. */
  oracleMse: number;
}

/** The oracle's MSE on fit's default split, computed once per set and kept in ORACLE.json beside it. */
async function cachedOracle(
  dir: string,
  options: Required<SynthOptions>,
  dataset: SyntheticDataset | null,
  log: (message: string) => void
): Promise<number> {
  const path = join(dir, "ORACLE.json");
  if (existsSync(path)) return JSON.parse(await readFile(path, "utf8")).oracleMse;
  log("computing the oracle's MSE (it knows every movie's planted parameters)…");
  const s = dataset ?? synthesize(options);
  const value = oracleMse(
    s,
    splitRows(s.ratings.rating2.length, {seed: TRAIN_DEFAULTS.seed, validPct: RECIPE_DEFAULTS.validPct})
  );
  await writeFile(
    path,
    JSON.stringify({seed: TRAIN_DEFAULTS.seed, validPct: RECIPE_DEFAULTS.validPct, oracleMse: value}, null, 2)
  );
  return value;
}

/** Generates a synthetic set into a temp cache folder named after its options, or reuses the one already there. */
export async function ensureSyntheticSet(
  options: Required<SynthOptions>,
  log: (message: string) => void
): Promise<SyntheticSet> {
  const dir = join(
    process.env.BENCH_CACHE ?? join(tmpdir(), "movielens-bench-v2"),
    `${options.users}u-${options.movies}m-${options.ratings}r-noise${options.noise}-seed${options.seed}`
  );
  const ratingsPath = join(dir, "ratings.dat");
  const metaPath = join(dir, "SYNTHETIC.json");
  if (existsSync(metaPath)) {
    log(`reusing the synthetic set in ${dir}`);
    return {
      dir,
      ratingsPath,
      meta: JSON.parse(await readFile(metaPath, "utf8")),
      oracleMse: await cachedOracle(dir, options, null, log)
    };
  }
  log(`generating ${options.ratings.toLocaleString("en-US")} synthetic ratings into ${dir}…`);
  await mkdir(dir, {recursive: true});
  const s = synthesize(options);
  const file = await open(ratingsPath + ".part", "w");
  const n = s.ratings.userId.length;
  for (let start = 0; start < n; start += 500_000) await file.write(formatRatings(s.ratings, start, start + 500_000));
  await file.close();
  await rename(ratingsPath + ".part", ratingsPath);
  const {user, movie, rating2, userIds, movieIds} = indexRatings(
    s.movies.map((m) => m.id),
    [s.ratings]
  );
  for (const [name, a] of Object.entries({user, movie, rating2, userIds, movieIds}))
    await writeFile(join(dir, `${name}.bin`), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const oracle = await cachedOracle(dir, options, s, log);
  await writeFile(metaPath, JSON.stringify(s.meta, null, 2)); // written last: its presence means the set is complete
  return {dir, ratingsPath, meta: s.meta, oracleMse: oracle};
}

/** Reads a cached set's indexed columns. */
export async function readSyntheticTable(dir: string): Promise<RatingsTable> {
  const read = async (name: string) => {
    const b = await readFile(join(dir, `${name}.bin`));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  };
  return {
    user: new Uint32Array(await read("user")),
    movie: new Uint32Array(await read("movie")),
    rating2: new Uint8Array(await read("rating2")),
    userIds: new Int32Array(await read("userIds")),
    movieIds: new Int32Array(await read("movieIds"))
  };
}
