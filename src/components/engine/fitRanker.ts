// Where a run fits iALS: on the CPU (model/ials.ts), or through TF.js's webgpu backend (ialsTf.ts) when training uses
// it and it measures faster there, by the same rule as training's "auto": measure each on the run's own data, keep
// the faster.
import * as tf from "@tensorflow/tfjs";
import {createRandom} from "../random.js";
import {fitIals} from "../model/ials.js";
import type {IalsModel, IalsOptions, IalsRows} from "../model/ials.js";
import {fitIalsTf} from "./ialsTf.js";
import {softwareGpu} from "./softwareGpu.js";

/** Where iALS was fitted, and what one epoch cost each way on the measured sample (seconds; null when not timed). */
export interface RankerDevice {
  device: "cpu" | "webgpu";
  cpuSeconds: number | null;
  gpuSeconds: number | null;
  /** The training ratings the two were timed on. */
  sampleRatings: number;
  /** Why the GPU was not tried although webgpu is in use: its adapter runs on the CPU (softwareGpu's words). */
  software?: string;
}

// The measuring sample: about this many training ratings, from a seeded fifth of the users or fewer.
const SAMPLE_RATINGS = 200_000;

/**
 * Fits iALS on the rows `train` indexes. With TF.js's webgpu backend in use on a real GPU, first times one epoch on
 * the CPU and on the GPU on a seeded sample of users (about 200,000 ratings), then fits on the faster; otherwise (no
 * webgpu, or a software adapter) on the CPU without measuring. Resolves to the model and where it was fitted.
 */
export async function fitRanker(
  rows: IalsRows,
  users: number,
  movies: number,
  train: ArrayLike<number>,
  options: IalsOptions
): Promise<{model: IalsModel; device: RankerDevice}> {
  const onCpu = (software?: string) => ({
    model: fitIals(rows, users, movies, train, options),
    device: {
      device: "cpu" as const,
      cpuSeconds: null,
      gpuSeconds: null,
      sampleRatings: 0,
      ...(software ? {software} : {})
    }
  });
  if (tf.getBackend() !== "webgpu") return onCpu();
  // A software adapter (SwiftShader) runs TF.js's ops on the CPU, many times slower than the CPU path: on the
  // workbook's browser tests, one epoch's sample took 20 s there. Not worth measuring, as "auto" skips it by name.
  const skip = await softwareGpu("webgpu");
  if (skip?.why === "software") return onCpu(skip.detail);
  const sample = sampleRows(rows, users, train);
  const once = {...options, epochs: 1, onEpoch: undefined};
  let t = performance.now();
  fitIals(rows, users, movies, sample, once);
  const cpuSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  let gpuSeconds: number | null = null;
  try {
    await fitIalsTf(rows, users, movies, sample, once);
    gpuSeconds = (performance.now() - t) / 1000;
  } catch {
    // A GPU that cannot run it (out of memory, a missing kernel) loses the measurement.
  }
  const device = gpuSeconds !== null && gpuSeconds < cpuSeconds ? "webgpu" : "cpu";
  const model =
    device === "webgpu"
      ? await fitIalsTf(rows, users, movies, train, options)
      : fitIals(rows, users, movies, train, options);
  return {model, device: {device, cpuSeconds, gpuSeconds, sampleRatings: sample.length}};
}

/** The training rows of a seeded sample of users, about SAMPLE_RATINGS of them (all rows when there are fewer). */
function sampleRows(rows: IalsRows, users: number, train: ArrayLike<number>): Int32Array {
  const share = Math.min(1, SAMPLE_RATINGS / Math.max(1, train.length));
  const random = createRandom(7);
  const chosen = new Uint8Array(users);
  for (let u = 0; u < users; ++u) chosen[u] = random() < share ? 1 : 0;
  const out: number[] = [];
  for (let k = 0; k < train.length; ++k) if (chosen[rows.user[train[k]]]) out.push(train[k]);
  return Int32Array.from(out);
}

/** What the measuring found, in one line for the run's notes; null when nothing was measured. */
export function rankerDeviceNote(device: RankerDevice): string | null {
  if (device.software)
    return "iALS was fitted on the CPU: webgpu here runs on a software adapter, slower than the CPU for it.";
  if (device.cpuSeconds === null) return null;
  const gpu =
    device.gpuSeconds === null ? "could not run it on webgpu" : `webgpu ${device.gpuSeconds.toFixed(2)} s an epoch`;
  return (
    `iALS measured on ${device.sampleRatings.toLocaleString("en-US")} training ratings: CPU ` +
    `${device.cpuSeconds.toFixed(2)} s an epoch, ${gpu}; fitted on the ${device.device === "cpu" ? "CPU" : "GPU"}.`
  );
}
