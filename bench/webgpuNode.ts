// npm run bench:webgpu [-- --ratings 100000 --epochs 1 --bs 256 --engines fused,ops,wasm --ops-steps 0]
// The training step side by side in Node, in one process: the fused WGSL step and the TF.js-ops step on webgpu (Dawn;
// SwiftShader's CPU adapter here, a real GPU where Vulkan has one), and the host step on wasm, on one synthetic set.
import {parseArgs} from "node:util";
import {nodeWebGpu, releaseNodeWebGpu} from "../scripts/lib/nodeWebGpu.js";
import {WASM_PATH} from "../scripts/lib/wasmPath.js";

const {values} = parseArgs({
  options: {
    ratings: {type: "string", default: "100000"},
    users: {type: "string", default: "1000"},
    movies: {type: "string", default: "600"},
    epochs: {type: "string", default: "1"},
    factors: {type: "string", default: "20"},
    engines: {type: "string", default: "fused,ops,wasm"},
    lr: {type: "string", default: "1e-2"},
    wd: {type: "string", default: "0.1"},
    bs: {type: "string", default: "256"},
    // On big sets the ops path takes minutes an epoch: time this many of its steps and estimate its epoch from them.
    "ops-steps": {type: "string", default: "0"}
  }
});
// Dawn before TF.js: the webgpu backend registers itself only if navigator.gpu exists when it loads.
const gpu = await nodeWebGpu();
const {pickBackend} = await import("../src/components/engine/backend.js");
const {buildModel} = await import("../src/components/engine/buildModel.js");
const {fit} = await import("../src/components/engine/fit.js");
const {indexRatings} = await import("../src/components/movielens/indexRatings.js");
const {synthesize} = await import("../src/components/synth/synthesize.js");

const log = (message: string) => console.error(`[bench:webgpu] ${message}`);
const s = synthesize({users: +values.users!, movies: +values.movies!, ratings: +values.ratings!});
const table = indexRatings(s.movies.map((m) => m.id), [s.ratings]);
const info = gpu.adapter && (gpu.adapter as unknown as {info: {vendor: string; architecture: string; description: string}}).info;
const adapter = info ? `${info.vendor} ${info.architecture} ${info.description}`.trim() : `none: ${gpu.why}`;
const ENGINES = {fused: ["webgpu", "fused"], ops: ["webgpu", "ops"], wasm: ["wasm", "host"], cpu: ["cpu", "host"]} as const;
const lines: string[] = [];
for (const engine of values.engines!.split(",") as (keyof typeof ENGINES)[]) {
  const [backend, path] = ENGINES[engine];
  if (backend === "webgpu" && !gpu.adapter) {
    lines.push(`| ${`${backend} ${path}`.padEnd(12)} | skipped: ${gpu.why} |`);
    continue;
  }
  log(`${backend} ${path}…`);
  await pickBackend(backend, {wasmPath: WASM_PATH});
  const newModel = () => buildModel({users: table.userIds.length, movies: table.movieIds.length, factors: +values.factors!});
  const options = {lrMax: +values.lr!, wd: +values.wd!, bs: +values.bs!, path};
  // A warm-up on a few batches first, so that neither path's timing includes compiling its shaders (or TF.js's).
  const warm = newModel();
  const few = 10 * options.bs;
  await fit(warm, {user: table.user.subarray(0, few), movie: table.movie.subarray(0, few), rating2: table.rating2.subarray(0, few)}, {...options, epochs: 1});
  warm.dispose();
  const model = newModel();
  // Training time alone, without the epoch's validation: from the start to its last batch's report.
  const maxSteps = path === "ops" ? +values["ops-steps"]! : 0;
  const controller = new AbortController();
  let steps = 0, perEpochSteps = 0, stepSeconds = 0, start = performance.now();
  const history = await fit(model, table, {...options, epochs: +values.epochs!, signal: controller.signal, onBatch: (p) => {
    if (maxSteps && p.step > maxSteps) return; // the rest of the group read back with the last timed step
    steps = p.step;
    perEpochSteps = p.batches;
    if (p.batch === p.batches - 1 || p.step === maxSteps) stepSeconds += (performance.now() - start) / 1000;
    if (p.step === maxSteps) controller.abort();
  }, onEpoch: () => (start = performance.now())}).catch((error) => {
    if (!controller.signal.aborted) throw error;
    return null;
  });
  model.dispose();
  if (!history) {
    const msPerStep = (stepSeconds * 1000) / steps;
    lines.push(`| ${`${backend} ${path}`.padEnd(12)} | ~${((msPerStep * perEpochSteps) / 1000).toFixed(0).padStart(6)} | ${msPerStep.toFixed(2).padStart(7)} | (${steps} steps) | |`);
    continue;
  }
  const perEpoch = history.reduce((sum, h) => sum + h.seconds, 0) / history.length;
  const mse = history.at(-1)!.validLoss;
  lines.push(`| ${`${backend} ${path}`.padEnd(12)} | ${perEpoch.toFixed(2).padStart(7)} | ${((stepSeconds * 1000) / steps).toFixed(2).padStart(7)} | ${mse.toFixed(4)} | ${s.meta.noiseFloorMse.toFixed(4)} |`);
}
releaseNodeWebGpu();
console.log(`\n${(+values.ratings!).toLocaleString("en-US")} ratings, ${values.users} users, ${values.movies} movies, ${values.factors} factors, bs ${values.bs}, lr_max ${values.lr}, wd ${values.wd}, ${values.epochs} epochs; WebGPU adapter: ${adapter}\n`);
// s/epoch: fit's own epoch time, validation included; ms/step: the training steps alone.
console.log("| engine       | s/epoch | ms/step | valid MSE | noise floor |");
console.log("| ------------ | ------- | ------- | --------- | ----------- |");
for (const l of lines) console.log(l);
process.exit(0);
