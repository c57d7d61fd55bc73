// Which TF.js backend trains: one function, chooseBackend, for the worker, the benches and the tests.
import * as tf from "@tensorflow/tfjs";
import {setWasmPaths} from "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-backend-webgpu";
import {calibrateBackends, fastestBackend} from "./calibrateBackends.js";
import type {BackendTiming, CalibrateOptions, CalibrationCandidate, TimeBackend} from "./calibrateBackends.js";
import {softwareGpu} from "./softwareGpu.js";
import type {GpuSkip} from "./softwareGpu.js";

export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";
/** The order "auto" tries the backends in: fastest first, when each runs where it should. */
export const BACKENDS: readonly BackendName[] = ["webgpu", "webgl", "wasm", "cpu"];

/**
 * A backend passed over for the one in use: "auto" skips a GPU that is missing, and one that runs on the CPU (by name,
 * or, when it measures, because it measured slower); a backend can fail to start, or fail while being measured.
 */
export interface BackendSkip {
  backend: BackendName;
  why: GpuSkip["why"] | "failed";
  /** The reason in the driver's or TF.js's words. */
  detail: string;
}

/** The backend chooseBackend started, and each one it passed over, with why (in auto's order). */
export interface BackendChoice {
  backend: BackendName;
  skipped: BackendSkip[];
  /** When "auto" measured (a `time` was given): each backend it timed, in auto's order, with its ratings per second. */
  timings?: BackendTiming<BackendName>[];
  /** When "auto" measured: the wall seconds the measuring took, the last backend's start included. */
  calibrationSeconds?: number;
  /**
   * When the backend was asked for by name and is a GPU backend that runs on the CPU (SwiftShader…), softwareGpu's
   * words for it: it is used as asked, and the caller may say it is slow. Null otherwise.
   */
  software: string | null;
}

export interface ChooseBackendOptions {
  /**
   * Where the wasm backend finds its .wasm files: a URL prefix or a map of file names to URLs in a browser,
   * a folder path ending in "/" in Node.
   */
  wasmPath?: string | Record<string, string>;
  /** Why a GPU backend would not run on a real GPU, or null; defaults to softwareGpu. Tests pass a fake. */
  probe?: (backend: "webgpu" | "webgl") => Promise<GpuSkip | null>;
  /**
   * Starts a backend and resolves true when TF.js uses it; false or a rejection means it cannot.
   * Defaults to TF.js's setBackend. Tests pass a fake.
   */
  start?: (backend: BackendName) => Promise<boolean>;
  /**
   * Times training steps on the backend in use (timeSteps.ts, on the run's own data and model shape). Given, "auto"
   * starts and times every backend that is not missing, software GPUs included, and keeps the fastest
   * (calibrateBackends.ts); without it, "auto" keeps the first that starts, skipping a software GPU by its name. A
   * backend asked for by name is never timed.
   */
  time?: TimeBackend<BackendName>;
  /** calibrateBackends' budget, window and clock; its defaults otherwise. Tests pass a fake clock. */
  calibration?: Pick<CalibrateOptions, "budgetSeconds" | "perBackendSeconds" | "now">;
}

async function startTf(name: BackendName): Promise<boolean> {
  if (!(await tf.setBackend(name))) return false;
  await tf.ready();
  return tf.getBackend() === name;
}

/**
 * Starts a TF.js backend and says which, and why it passed over the others. "auto" tries webgpu, webgl, wasm, cpu in
 * order, skipping a GPU backend that is missing or runs on the CPU (a software GPU is slower than wasm), and one that
 * fails to start. With `time`, "auto" measures instead: it times every backend that starts, a software GPU included,
 * and starts the fastest (calibrateBackends.ts's fastestBackend), passing over a slower software GPU with the probe's
 * words, and one that failed; `timings` and `calibrationSeconds` say what it measured. A backend asked for by name is
 * the only one tried, and never timed: when it is missing or fails to start, this throws an Error that gives the
 * reason, never falling back to another; on a software GPU it starts, and `software` says so. An unknown name throws
 * a TypeError; when "auto" finds none, the Error lists every reason.
 */
export async function chooseBackend(
  requested: BackendName | "auto" = "auto",
  options: ChooseBackendOptions = {}
): Promise<BackendChoice> {
  const {wasmPath, probe = softwareGpu, start = startTf, time} = options;
  if (requested !== "auto" && !BACKENDS.includes(requested))
    throw new TypeError(
      `chooseBackend: unknown backend ${JSON.stringify(requested)}; use one of ${BACKENDS.join(", ")} or "auto"`
    );
  if (wasmPath) setWasmPaths(wasmPath);
  const skipped: BackendSkip[] = [];
  const measure = requested === "auto" && time ? time : null;
  const candidates: CalibrationCandidate<BackendName>[] = [];
  for (const name of requested === "auto" ? BACKENDS : [requested]) {
    const gpu = name === "webgpu" || name === "webgl" ? await probe(name) : null;
    if (gpu && (gpu.why === "missing" || (requested === "auto" && !measure))) {
      skipped.push({backend: name, ...gpu});
      continue;
    }
    if (measure) {
      candidates.push({backend: name, software: gpu?.detail ?? null});
      continue;
    }
    try {
      if (await start(name)) return {backend: name, skipped, software: gpu?.detail ?? null};
      skipped.push({backend: name, why: "failed", detail: "did not initialise"});
    } catch (error) {
      skipped.push({backend: name, why: "failed", detail: error instanceof Error ? error.message : String(error)});
    }
  }
  if (measure) {
    const choice = await measured(candidates, skipped, start, measure, options.calibration);
    if (choice) return choice;
  }
  const reasons = skipped.map((s) => `${s.backend}: ${s.detail}`).join("; ");
  throw new Error(
    requested === "auto"
      ? `No TF.js backend could start (${reasons}).`
      : `The ${requested} backend could not start (${reasons}). Choose auto to use the best one that can.`
  );
}

/**
 * The order "auto" measures in, and which backends only stand in for another. The host step first (wasm; cpu only
 * when wasm cannot be timed: both run fit's host step, the same JavaScript on host memory, so timing both measures
 * only noise), then the GPUs, whose warm-ups (compiling kernels) can be long and shorten only the windows after them.
 * webgl runs the ops step: about a hundred TF.js ops, whose shaders it compiles again for each new batch shape. On a
 * software renderer it is timed only when wasm cannot be: one step takes longer than the whole budget (on SwiftShader
 * here, 4 to 16 s of compiling at 34 to 170 ratings/s, against wasm's 100K and more). On a real GPU it is timed only
 * when webgpu, on that GPU too, cannot be: webgpu's fused step is far faster there.
 */
function calibrationOrder(candidates: CalibrationCandidate<BackendName>[]): CalibrationCandidate<BackendName>[] {
  const find = (name: BackendName) => candidates.find((c) => c.backend === name);
  const [wasm, cpu, webgpu, webgl] = (["wasm", "cpu", "webgpu", "webgl"] as const).map(find);
  const standsInFor: BackendName | undefined = webgl?.software
    ? "wasm"
    : webgpu && webgpu.software === null
      ? "webgpu"
      : undefined;
  return [
    wasm,
    cpu && {...cpu, fallbackFor: "wasm" as const},
    webgpu,
    webgl && (standsInFor ? {...webgl, fallbackFor: standsInFor} : webgl)
  ].filter((c) => c !== undefined);
}

/**
 * "auto" by measurement: times the candidates, starts the fastest, and adds the ones passed over to `skipped`;
 * null when none could be timed.
 */
async function measured(
  candidates: CalibrationCandidate<BackendName>[],
  skipped: BackendSkip[],
  start: (backend: BackendName) => Promise<boolean>,
  time: TimeBackend<BackendName>,
  calibration: ChooseBackendOptions["calibration"] = {}
): Promise<BackendChoice | null> {
  const {now = () => performance.now() / 1000} = calibration;
  const began = now();
  const order = calibrationOrder(candidates);
  const calibrated = await calibrateBackends(order, {...calibration, now, start, time});
  const timings = calibrated.timings.sort((a, b) => BACKENDS.indexOf(a.backend) - BACKENDS.indexOf(b.backend));
  const failed = calibrated.failed;
  skipped.push(...failed.map(({backend, detail}) => ({backend, why: "failed" as const, detail})));
  const backend = fastestBackend(timings);
  if (backend) {
    // The trials left the last backend timed in use: switch to the fastest, whose trial freed all it made.
    try {
      if (!(await start(backend))) throw new Error("did not initialise");
    } catch (error) {
      throw new Error(
        `The ${backend} backend, the fastest measured, could not start again ` +
          `(${error instanceof Error ? error.message : String(error)}).`,
        {cause: error}
      );
    }
  }
  // A software GPU that measured slower, or stood in for one and was not timed,
  // is passed over as before, in the probe's words.
  for (const c of candidates)
    if (c.software && c.backend !== backend && !failed.some((f) => f.backend === c.backend))
      skipped.push({backend: c.backend, why: "software", detail: c.software});
  skipped.sort((a, b) => BACKENDS.indexOf(a.backend) - BACKENDS.indexOf(b.backend));
  return backend && {backend, skipped, software: null, timings, calibrationSeconds: now() - began};
}

export interface PickBackendOptions {
  /** Where the wasm backend finds its .wasm files: a URL prefix in a browser, a folder path ending in "/" in Node. */
  wasmPath?: string;
}

/**
 * Sets the TF.js backend with chooseBackend and returns its name, for scripts, benches and tests that need no reasons.
 */
export async function pickBackend(
  preferred: BackendName | "auto" = "auto",
  {wasmPath}: PickBackendOptions = {}
): Promise<BackendName> {
  return (await chooseBackend(preferred, {wasmPath})).backend;
}
