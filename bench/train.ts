// npm run bench [-- --quick] [--epochs 3] [--backends wasm,cpu] [--no-reference]
// Trains the collab model on an ML-10M-shaped synthetic set with every Node backend, runs the PyTorch reference on the
// same ratings, and prints one table side by side. Each run is its own process, so its peak memory is its own.
import {spawn, spawnSync} from "node:child_process";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {LAZY_ADAM_RECIPE} from "../src/components/engine/fit.js";
import {FASTAI_DEFAULTS, TRAIN_DEFAULTS} from "../src/components/trainDefaults.js";
import {ML10M_SHAPE, SITE_SYNTH} from "../src/components/synth/synthesize.js";
import {missingReference} from "./missingReference.js";
import {copyBandwidth, floorNsPerRating} from "./memoryFloor.js";
import {ensureSyntheticSet} from "./syntheticSet.js";
import type {SyntheticSet} from "./syntheticSet.js";

const {values} = parseArgs({
  options: {
    quick: {type: "boolean", default: false},
    epochs: {type: "string", default: String(TRAIN_DEFAULTS.epochs)},
    backends: {type: "string", default: "wasm,cpu"},
    "no-reference": {type: "boolean", default: false},
    "dense-steps": {type: "string", default: "1000"}
  }
});
const epochs = Number(values.epochs);
/**
 * Recipes beyond fastai's defaults, run on the first backend: lazy (sparse) Adam moves each row only when a batch
 * touches it, so it wants a higher lr, and more weight decay to match.
 */
const RECIPES: [bs: number, lr: number, wd: number, note: string][] = [
  [TRAIN_DEFAULTS.bs, LAZY_ADAM_RECIPE.lrMax, LAZY_ADAM_RECIPE.wd, "LAZY_ADAM_RECIPE"],
  [1024, 3e-2, 0.1, "recipe, bs 1024"]
];
/** fastai's defaults (bs, lr_max, wd), as the PyTorch reference trains. */
const FASTAI = [FASTAI_DEFAULTS.bs, FASTAI_DEFAULTS.lrMax, FASTAI_DEFAULTS.wd] as const;
const shape = values.quick ? SITE_SYNTH : ML10M_SHAPE;
const backends = values.backends!.split(",").filter(Boolean);
const log = (message: string) => console.error(`[bench] ${message}`);
const REFERENCE = fileURLToPath(new URL("../../shared/bench/fastai_recipe.py", import.meta.url));
const PYTHON = "/usr/bin/python3";

interface Row {
  engine: string;
  mode: string;
  threads: number;
  /** Nanoseconds per training rating in an epoch, and the memory-traffic floor for the same (memoryFloor.ts). */
  nsPerRating: number;
  floorNs: number;
  bs: number;
  lr: number;
  wd: number;
  secondsPerEpoch: number;
  totalSeconds: number;
  validMse: number;
  maxRssMb: number;
  predictMs: number;
  floor: number;
  oracle: number;
  note: string;
}

/** Runs a command, echoing its stderr (and its stdout lines when `echo`), and resolves to its stdout lines. */
function run(command: string, args: string[], echo = false): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {stdio: ["ignore", "pipe", "pipe"]});
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (echo) for (const line of String(d).split("\n")) if (line.trim()) log(`  ${line}`);
    });
    child.stderr.on("data", (d) => {
      const text = String(d)
        .replace(/=+\nHi, looks like you are running TensorFlow.js in Node.js[^\n]*\n=+\n?/g, "")
        .trim();
      if (text) log(text);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(out.split("\n").filter(Boolean))
        : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))
    );
  });
}

async function engine(
  {dir, meta, oracleMse}: SyntheticSet,
  backend: string,
  mode: string,
  bs: number,
  lr: number,
  wd: number,
  maxSteps = 0,
  note = "",
  runEpochs = epochs,
  threads = 1
): Promise<Row> {
  log(
    `TF.js ${backend} ${mode} bs ${bs} lr ${lr} wd ${wd}${maxSteps ? ` (${maxSteps} steps)` : ""}` +
      `${threads > 1 ? `, ${threads} threads` : ""}…`
  );
  const args = [
    "--import",
    "tsx",
    fileURLToPath(new URL("trainRun.ts", import.meta.url)),
    "--dir",
    dir,
    "--backend",
    backend,
    "--mode",
    mode
  ];
  args.push(
    "--bs",
    String(bs),
    "--lr",
    String(lr),
    "--wd",
    String(wd),
    "--epochs",
    String(runEpochs),
    "--max-steps",
    String(maxSteps),
    "--threads",
    String(threads)
  );
  const lines = (await run(process.execPath, args)).map((l) => JSON.parse(l));
  const rows = lines.filter((l) => l.type === "epoch");
  const done = lines.find((l) => l.type === "done");
  for (const r of rows)
    log(
      `  epoch ${r.epoch}: train ${r.trainLoss.toFixed(4)} valid ${r.validLoss.toFixed(4)} ${r.seconds.toFixed(1)} s`
    );
  const secondsPerEpoch = maxSteps
    ? (done.seconds / done.steps) * done.stepsPerEpoch
    : rows.reduce((s, r) => s + r.seconds, 0) / rows.length;
  return {
    engine: `TF.js ${done.backend}`,
    mode,
    threads,
    nsPerRating: (secondsPerEpoch / (done.stepsPerEpoch * bs)) * 1e9,
    floorNs: floorNsPerRating(20, bandwidth),
    bs,
    lr,
    wd,
    secondsPerEpoch,
    totalSeconds: done.seconds,
    validMse: maxSteps ? NaN : rows.at(-1).validLoss,
    maxRssMb: done.maxRssMb,
    predictMs: done.predictMs,
    floor: meta.noiseFloorMse,
    oracle: oracleMse,
    note
  };
}

async function reference({ratingsPath, meta, oracleMse}: SyntheticSet, bs: number): Promise<Row | null> {
  if (spawnSync(PYTHON, ["-c", "import torch"]).status !== 0) {
    log(`skipping the PyTorch reference: ${PYTHON} cannot import torch (install python3-torch)`);
    return null;
  }
  log(`PyTorch reference ${REFERENCE}, bs ${bs}, ${epochs} epochs…`);
  const wrapper =
    "import resource, runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__'); " +
    "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)";
  const started = performance.now();
  const lines = await run(
    PYTHON,
    ["-c", wrapper, REFERENCE, ratingsPath, "--factors", "20", "--bs", String(bs), "--epochs", String(epochs)],
    true
  );
  const total = (performance.now() - started) / 1000;
  const rows = lines.filter((l) => /^\d+\t/.test(l)).map((l) => l.split("\t").map(Number));
  const rss = Number(lines.find((l) => l.startsWith("MAXRSS"))?.split(" ")[1]);
  const trainSeconds = rows.reduce((s, r) => s + r[3], 0);
  return {
    engine: "PyTorch reference",
    mode: "dense",
    threads: 1,
    nsPerRating: (trainSeconds / rows.length / (0.8 * meta.options.ratings)) * 1e9,
    floorNs: floorNsPerRating(20, bandwidth),
    bs,
    lr: FASTAI_DEFAULTS.lrMax,
    wd: FASTAI_DEFAULTS.wd,
    secondsPerEpoch: trainSeconds / rows.length,
    totalSeconds: trainSeconds,
    validMse: rows.at(-1)![2],
    maxRssMb: rss / 1024,
    predictMs: NaN,
    floor: meta.noiseFloorMse,
    oracle: oracleMse,
    note: `epochs ${rows.map((r) => r[3].toFixed(0)).join(", ")} s; +${(total - trainSeconds).toFixed(0)} s loading`
  };
}

// A missing reference script stops the bench before the set is generated, in words (it crashed in Python after).
const missing = values["no-reference"] ? null : missingReference(REFERENCE);
if (missing) {
  console.error(missing);
  process.exit(1);
}
const set = await ensureSyntheticSet(shape, log);
const bandwidth = copyBandwidth();
const rows: Row[] = [];
const ref = values["no-reference"] ? null : await reference(set, FASTAI_DEFAULTS.bs);
if (ref) rows.push(ref);
for (const backend of backends) rows.push(await engine(set, backend, "sparse", ...FASTAI, 0, "fastai's defaults"));
// Every core: the WebAssembly kernel on two threads (kernelRun's FPSGD blocks).
if (backends[0] === "wasm")
  rows.push(await engine(set, "wasm", "sparse", ...FASTAI, 0, "fastai's defaults", epochs, 2));
const denseSteps = values.quick ? 0 : Number(values["dense-steps"]);
rows.push(
  await engine(
    set,
    backends[0],
    "dense",
    ...FASTAI,
    denseSteps,
    denseSteps ? `timing only: ${denseSteps} steps` : "fastai's defaults"
  )
);
for (const [bs, lr, wd, note] of RECIPES) rows.push(await engine(set, backends[0], "sparse", bs, lr, wd, 0, note));
if (backends[0] === "wasm") {
  const [bs, lr, wd, note] = RECIPES[0];
  rows.push(await engine(set, "wasm", "sparse", bs, lr, wd, 0, note, epochs, 2));
}
// The recipe with a one-epoch schedule: does it reach the reference's valid MSE in a tenth of the reference's time?
rows.push(
  await engine(
    set,
    backends[0],
    "sparse",
    TRAIN_DEFAULTS.bs,
    LAZY_ADAM_RECIPE.lrMax,
    LAZY_ADAM_RECIPE.wd,
    0,
    "LAZY_ADAM_RECIPE, 1-epoch schedule",
    1
  )
);
if (!values.quick) {
  // Dense mode takes minutes per epoch at this size, so its valid MSE is compared with sparse mode's on the quick set.
  const small = await ensureSyntheticSet(SITE_SYNTH, log);
  const label = `${SITE_SYNTH.ratings.toLocaleString("en-US")}-rating set: sparse vs dense`;
  rows.push(await engine(small, backends[0], "sparse", ...FASTAI, 0, label));
  rows.push(await engine(small, backends[0], "dense", ...FASTAI, 0, label));
}

const fmt = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : "—");
const header = [
  "engine",
  "mode",
  "threads",
  "bs",
  "lr_max",
  "wd",
  "s/epoch",
  "ns/rating",
  "× floor",
  `total s`,
  `valid MSE (${epochs} ep)`,
  "noise floor",
  "vs floor",
  "oracle",
  "vs oracle",
  "speed-up",
  "peak RSS MB",
  "predict ms",
  "note"
];
const body = rows.map((r) => [
  r.engine,
  r.mode,
  String(r.threads),
  String(r.bs),
  String(r.lr),
  String(r.wd),
  fmt(r.secondsPerEpoch, 2),
  fmt(r.nsPerRating, 0),
  fmt(r.nsPerRating / r.floorNs, 1),
  fmt(r.totalSeconds, 1),
  fmt(r.validMse, 4),
  fmt(r.floor, 4),
  Number.isFinite(r.validMse) ? `+${fmt((r.validMse / r.floor - 1) * 100, 1)}%` : "—",
  fmt(r.oracle, 4),
  Number.isFinite(r.validMse)
    ? `${r.validMse < r.oracle ? "" : "+"}${fmt((r.validMse / r.oracle - 1) * 100, 1)}%`
    : "—",
  ref && r.floor === ref.floor ? `${fmt(ref.secondsPerEpoch / r.secondsPerEpoch, 1)}×` : "—",
  fmt(r.maxRssMb, 0),
  fmt(r.predictMs, 1),
  r.note
]);
const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
console.log(
  `\n${shape.ratings.toLocaleString("en-US")} ratings, ${shape.users.toLocaleString("en-US")} users, ` +
    `${shape.movies.toLocaleString("en-US")} movies, 20 factors, ${epochs} epochs; ` +
    `speed-up = reference s/epoch ÷ s/epoch; predict ms = one user × every movie (median of 30)\n`
);
console.log(line(header));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const b of body) console.log(line(b));
console.log(`
noise floor: the Bayes MSE, knowing every user's and movie's planted parameters. oracle: the valid MSE of a predictor
that knows every movie's planted parameters and the generator's priors, and fits only each user's from their training
ratings (src/components/synth/oracleMse.ts): no model that must learn the movies too can expect to beat it.
× floor: ns/rating over the memory-traffic floor, ${floorNsPerRating(20, bandwidth).toFixed(0)} ns per rating here \
(bench/memoryFloor.ts: the bytes a rating moves at one thread's copy bandwidth, ${(bandwidth / 1e9).toFixed(1)} GB/s).
On this set the oracle is ${fmt(set.oracleMse, 4)}, +${fmt((set.oracleMse / set.meta.noiseFloorMse - 1) * 100, 1)}% \
over the floor; 1.10 × floor is ${fmt(1.1 * set.meta.noiseFloorMse, 4)}.`);
