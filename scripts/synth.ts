// Writes a synthetic, MovieLens-shaped dataset: `npm run data:synth [-- --ml10m | --ml32m --csv --out <dir> …]`.
import {relative} from "node:path";
import {ML10M_SHAPE, ML32M_SHAPE, SITE_SYNTH} from "../src/components/synth/synthesize.js";
import type {SynthOptions} from "../src/components/synth/synthesize.js";
import {writeSynthetic} from "../src/data/writeSynthetic.js";
import {parseCli} from "./parseCli.js";

const DEFAULT_OUT = "data/synthetic";
const NUMBERS = ["seed", "users", "movies", "ratings", "noise"] as const;

const USAGE = `Usage: npm run data:synth [-- options]

Writes movies.dat, ratings.dat, my_ratings.dat and SYNTHETIC.json: MovieLens-formatted data with planted
structure, so a trained model can be compared with the noise floor and with the oracle (see docs/BENCHMARKS.md).

Options:
  --out <dir>    output folder, replaced atomically (default ${DEFAULT_OUT})
  --ml10m        MovieLens 10M's shape: ${ML10M_SHAPE.users} users, ${ML10M_SHAPE.movies} movies, \
${ML10M_SHAPE.ratings} ratings
  --ml32m        MovieLens 32M's shape: ${ML32M_SHAPE.users} users, ${ML32M_SHAPE.movies} movies, \
${ML32M_SHAPE.ratings} ratings
                 (several GB of memory and minutes to write; use with --csv, as ML-32M ships)
  --csv          write movies.csv and ratings.csv, as the CSV releases (ml-latest-small, 20M, 25M, 32M) ship
  --seed <n>     random seed (default ${SITE_SYNTH.seed})
  --users <n>    number of users (default ${SITE_SYNTH.users})
  --movies <n>   number of movies (default ${SITE_SYNTH.movies})
  --ratings <n>  number of ratings, at least 20 per user (default ${SITE_SYNTH.ratings})
  --noise <sd>   rating noise standard deviation (default ${SITE_SYNTH.noise})
  --quiet        print nothing but errors
  --help         show this help
`;

// 1. Read flags; --ml10m picks the base shape, and explicit numbers override it.
const args = parseCli<
  Partial<Record<(typeof NUMBERS)[number] | "out", string>> & {
    ml10m?: boolean;
    ml32m?: boolean;
    csv?: boolean;
    quiet?: boolean;
  }
>(
  {
    out: {type: "string"},
    ...Object.fromEntries(NUMBERS.map((name) => [name, {type: "string"} as const])),
    ml10m: {type: "boolean"},
    ml32m: {type: "boolean"},
    csv: {type: "boolean"},
    quiet: {type: "boolean"}
  },
  USAGE
);
const options: SynthOptions = {...(args.ml32m ? ML32M_SHAPE : args.ml10m ? ML10M_SHAPE : SITE_SYNTH)};
for (const name of NUMBERS) {
  const text = args[name];
  if (text === undefined) continue;
  const value = Number(text.replace(/[_,]/g, "")); // accept 1_000_000 and 1,000,000
  if (text.trim() === "" || !Number.isFinite(value)) {
    console.error(`--${name} must be a number, got ${JSON.stringify(text)}\n\n${USAGE}`);
    process.exit(1);
  }
  options[name] = value;
}
const out = args.out ?? DEFAULT_OUT;
const log = args.quiet ? () => {} : (message: string) => console.error(message);

// 2. Synthesize and write; bad options (e.g. fewer than 20 ratings per user) exit non-zero with the reason.
const t0 = performance.now();
try {
  const meta = await writeSynthetic(out, options, log, {csv: args.csv});
  const shown = relative(process.cwd(), out) || ".";
  log(`Done in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${shown.startsWith("..") ? out : shown}/`);
  log(
    `Mean rating ${meta.globalMean.toFixed(3)}; noise floor MSE ${meta.noiseFloorMse.toFixed(4)} (RMSE ` +
      `${Math.sqrt(meta.noiseFloorMse).toFixed(4)}): what a model that knew the planted scores would score.`
  );
  if (meta.oracleMse)
    log(
      `Oracle MSE ${meta.oracleMse.toFixed(4)}: what one that knew the movies' planted parameters, ` +
        `and learned the users from their training ratings, would score.`
    );
} catch (error) {
  console.error(`data:synth: ${(error as Error).message}`);
  process.exit(1);
}
