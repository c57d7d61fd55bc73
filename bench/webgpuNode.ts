// npm run bench:webgpu [-- --sets 1m,100k | --ratings N --users U --movies M] [--epochs 1 --bs 256 --engines
// fused,ops,wasm --ops-steps 400]
// The training step side by side in Node, in one process: the fused WGSL step and the TF.js-ops step on webgpu (Dawn;
// SwiftShader's CPU adapter here, a real GPU where Vulkan has one), and on wasm the SIMD kernel the pages train with
// (`wasm`), or the plain-JS host step (`host`), on each set, in one table; every row names the step it ran.
// bench/gpu/ bundles this script to run on a machine with a real GPU.
import {cpus} from "node:os";
import {parseArgs} from "node:util";
import {nodeWebGpu, releaseNodeWebGpu} from "../scripts/lib/nodeWebGpu.js";
import {WASM_PATH} from "../scripts/lib/wasmPath.js";
import {benchSets, SET_OPTIONS, TIME_OPTIONS, timeOptions} from "./benchOptions.js";
import {engineTable, tableLegend} from "./engineTable.js";
import type {EngineRow} from "./engineTable.js";

const {values} = parseArgs({
  options: {
    ...SET_OPTIONS,
    ...TIME_OPTIONS,
    engines: {type: "string", default: "fused,ops,wasm"}
  }
});
const sets = benchSets(values);
// Dawn before TF.js: the webgpu backend registers itself only if navigator.gpu exists when it loads.
const gpu = await nodeWebGpu();
const {pickBackend} = await import("../src/components/engine/backend.js");
const {indexRatings} = await import("../src/components/movielens/indexRatings.js");
const {synthesize} = await import("../src/components/synth/synthesize.js");
const {timeEngine} = await import("./timeEngine.js");

const log = (message: string) => console.error(`[bench:webgpu] ${message}`);
const info =
  gpu.adapter && (gpu.adapter as unknown as {info: {vendor: string; architecture: string; description: string}}).info;
const adapter = info ? `${info.vendor} ${info.architecture} ${info.description}`.trim() : `none: ${gpu.why}`;
/** Each engine: its backend, fit's path, and the step it runs, as its row names it. */
const ENGINES = {
  fused: ["webgpu", "fused", "fused WGSL step"],
  ops: ["webgpu", "ops", "TF.js ops"],
  wasm: ["wasm", "kernel", "SIMD kernel, 1 thread"],
  host: ["wasm", "host", "host JS"],
  cpu: ["cpu", "host", "host JS"]
} as const;
const rows: EngineRow[] = [];
for (const {label, shape} of sets) {
  log(
    `${label}: synthesizing ${shape.ratings.toLocaleString("en-US")} ratings (${shape.users} users, ` +
      `${shape.movies} movies, seed ${shape.seed})…`
  );
  const s = synthesize(shape);
  const table = indexRatings(
    s.movies.map((m) => m.id),
    [s.ratings]
  );
  for (const engine of values.engines!.split(",") as (keyof typeof ENGINES)[]) {
    if (!Object.hasOwn(ENGINES, engine))
      throw new TypeError(
        `--engines: unknown engine ${JSON.stringify(engine)}; use ${Object.keys(ENGINES).join(", ")}`
      );
    const [backend, path, step] = ENGINES[engine];
    const row: EngineRow = {set: label, engine: `${backend}: ${step}`, noiseFloorMse: s.meta.noiseFloorMse};
    rows.push(row);
    if (backend === "webgpu" && !gpu.adapter) {
      row.failed = `skipped: ${gpu.why}`;
      continue;
    }
    log(`${label}: ${backend}, ${step}…`);
    try {
      await pickBackend(backend, {wasmPath: WASM_PATH});
      row.timing = await timeEngine(table, timeOptions(values, path));
    } catch (error) {
      row.failed = `failed: ${(error as Error).message.split("\n")[0]}`;
    }
  }
}
releaseNodeWebGpu();
console.log(
  `\nNode ${process.version} over Dawn; WebGPU adapter: ${adapter}; CPU: ` +
    `${cpus()[0]?.model ?? "unknown"} × ${cpus().length} (wasm uses one)`
);
for (const line of [...tableLegend(sets, timeOptions(values, "ops"), rows), ...engineTable(rows)]) console.log(line);
process.exit(0);
