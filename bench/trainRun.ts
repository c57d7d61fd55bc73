// One training run in its own process, so its peak memory is its own: prints one JSON line per epoch, then a summary.
import {parseArgs} from "node:util";
import {createRequire} from "node:module";
import path from "node:path";
import {pickBackend} from "../src/components/engine/backend.js";
import type {BackendName} from "../src/components/engine/backend.js";
import {buildModel} from "../src/components/engine/buildModel.js";
import {fit} from "../src/components/engine/fit.js";
import {predictUser} from "../src/components/engine/predict.js";
import {FASTAI_DEFAULTS, TRAIN_DEFAULTS} from "../src/components/trainDefaults.js";
import {nodeKernelThreads} from "../scripts/lib/nodeKernelThreads.js";
import {readSyntheticTable} from "./syntheticSet.js";

const {values} = parseArgs({
  options: {
    dir: {type: "string"},
    backend: {type: "string", default: "wasm"},
    mode: {type: "string", default: "sparse"},
    bs: {type: "string", default: String(FASTAI_DEFAULTS.bs)},
    lr: {type: "string", default: String(FASTAI_DEFAULTS.lrMax)},
    wd: {type: "string", default: String(FASTAI_DEFAULTS.wd)},
    epochs: {type: "string", default: String(TRAIN_DEFAULTS.epochs)},
    factors: {type: "string", default: "20"},
    threads: {type: "string", default: "1"},
    "max-steps": {type: "string", default: "0"}
  }
});
const wasmPath =
  path.dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/package.json")) + "/dist/";
const table = await readSyntheticTable(values.dir!);
const backend = await pickBackend(values.backend as BackendName, {wasmPath});
const model = buildModel({users: table.userIds.length, movies: table.movieIds.length, factors: Number(values.factors)});
const maxSteps = Number(values["max-steps"]);
const controller = new AbortController();
const started = performance.now();
let steps = 0;
try {
  await fit(model, table, {
    epochs: Number(values.epochs),
    bs: Number(values.bs),
    lrMax: Number(values.lr),
    wd: Number(values.wd),
    mode: values.mode as "sparse" | "dense",
    threads: nodeKernelThreads(Number(values.threads)),
    signal: controller.signal,
    onBatch: (p) => {
      steps = p.step;
      if (maxSteps && p.step >= maxSteps) controller.abort();
    },
    onEpoch: (row) => console.log(JSON.stringify({type: "epoch", ...row}))
  });
} catch (error) {
  if (!controller.signal.aborted) throw error;
}
const seconds = (performance.now() - started) / 1000;
// One user's predictions for every movie, timed over 30 calls after 3 warm-up calls: the median.
const times: number[] = [];
for (let i = 0; i < 33; ++i) {
  const t0 = performance.now();
  await predictUser(model, (i * 7919) % model.users);
  if (i >= 3) times.push(performance.now() - t0);
}
const predictMs = times.sort((a, b) => a - b)[times.length >> 1];
console.log(
  JSON.stringify({
    type: "done",
    backend,
    steps,
    stepsPerEpoch: model.training!.stepsPerEpoch,
    seconds,
    predictMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024
  })
);
model.dispose();
