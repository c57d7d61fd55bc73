// "auto" by measurement: time a few training steps on each backend that starts, within a budget, and pick the fastest.
// Generic in the backend's name, so that backend.ts (whose chooseBackend calls it) stays the one home of BackendName.

/**
 * What one trial measured after its warm-up: the steps timed, the ratings they trained,
 * the seconds they took, and its estimate of the rate.
 */
export interface TrialTiming {
  steps: number;
  ratings: number;
  seconds: number;
  /**
   * Training throughput after the warm-up, in ratings per second: ratings / seconds, or a steadier estimate (timeSteps:
   * the median of its step groups' rates).
   */
  ratingsPerSecond: number;
}

/**
 * Times training steps on the backend in use (started by the caller): a warm-up, which is not counted, then steps
 * until about `budgetSeconds` have passed (at least one). timeSteps.ts makes the real one; tests pass fakes.
 */
export type TimeBackend<Name extends string = string> = (backend: Name, budgetSeconds: number) => Promise<TrialTiming>;

/** One backend's speed as calibrateBackends measured it on the run's own data and model shape. */
export interface BackendTiming<Name extends string = string> extends TrialTiming {
  backend: Name;
  /** When a GPU backend runs on the CPU (SwiftShader…), softwareGpu's words for it; null otherwise. */
  software: string | null;
}

/** A backend to measure, with softwareGpu's words when it is a GPU that runs on the CPU (null otherwise). */
export interface CalibrationCandidate<Name extends string = string> {
  backend: Name;
  software: string | null;
  /**
   * A backend earlier in the list that this one only stands in for: it is timed only when that one could not be.
   * For a backend that runs the same step (cpu for wasm), or a step slower on the same hardware (webgl for webgpu).
   */
  fallbackFor?: Name;
}

export interface CalibrateOptions<Name extends string = string> {
  /** Starts (switches TF.js to) a backend; resolves true when TF.js uses it, false or a rejection when it cannot. */
  start: (backend: Name) => Promise<boolean>;
  time: TimeBackend<Name>;
  /** The wall time all backends share, in seconds: set-up and warm-ups included, the last window's overrun not. */
  budgetSeconds?: number;
  /** The most one backend's measuring window gets, in seconds. */
  perBackendSeconds?: number;
  /** A clock in seconds; tests pass a fake one. */
  now?: () => number;
}

/**
 * What calibrateBackends measured: the timings in the candidates' order,
 * the backends that failed, and the wall seconds.
 */
export interface Calibration<Name extends string = string> {
  timings: BackendTiming<Name>[];
  /** Backends that did not start, or threw while being timed, with the reason in TF.js's or the driver's words. */
  failed: {backend: Name; detail: string}[];
  seconds: number;
}

/** The seconds "auto" may spend measuring before a run, all backends together (issue 13: "within about 1.5 s"). */
export const CALIBRATION_SECONDS = 1.5;
/** The most one backend's measuring window gets, in seconds. */
export const BACKEND_SECONDS = 0.3;
/**
 * How much faster a backend later in auto's order must measure to be chosen over an earlier one: 0.2 is 20 %. Below
 * that, the two are equal within the noise of a short trial (cpu and wasm run the same JavaScript step, and the
 * JIT warms up on whichever goes first), and the earlier one (a GPU, or wasm's SIMD kernels for prediction) is kept.
 */
export const CALIBRATION_NOISE = 0.2;

const seconds = () => performance.now() / 1000;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Starts each candidate in turn and times it with `time`, giving each a window of min(perBackendSeconds, what is left
 * of budgetSeconds, shared among the candidates left that are not fallbacks). The wall time spent so far counts
 * against the budget (a slow start or warm-up shortens the windows after it), so calibration ends about budgetSeconds
 * after it began, plus any warm-up or step group that overran, and a window of 0 still times one step after the
 * warm-up. A candidate with `fallbackFor` is passed over, untimed, when that backend was timed. A candidate
 * that does not start, or whose trial throws, is listed in `failed` and not timed. Leaves the last started backend in
 * use: the caller starts the one it chooses. Never rejects for a backend's failure.
 */
export async function calibrateBackends<Name extends string>(
  candidates: readonly CalibrationCandidate<Name>[],
  options: CalibrateOptions<Name>
): Promise<Calibration<Name>> {
  const {
    start,
    time,
    budgetSeconds = CALIBRATION_SECONDS,
    perBackendSeconds = BACKEND_SECONDS,
    now = seconds
  } = options;
  const began = now();
  const timings: BackendTiming<Name>[] = [];
  const failed: Calibration<Name>["failed"] = [];
  for (const [i, {backend, software, fallbackFor}] of candidates.entries()) {
    if (fallbackFor && timings.some((t) => t.backend === fallbackFor)) continue;
    // Shared among this candidate and those after it that are not fallbacks (which are usually passed over).
    const sharing = 1 + candidates.slice(i + 1).filter((c) => !c.fallbackFor).length;
    const budget = Math.min(perBackendSeconds, Math.max(0, budgetSeconds - (now() - began)) / sharing);
    try {
      if (!(await start(backend))) {
        failed.push({backend, detail: "did not initialise"});
        continue;
      }
    } catch (error) {
      failed.push({backend, detail: message(error)});
      continue;
    }
    try {
      const trial = await time(backend, budget);
      if (!(trial.ratingsPerSecond > 0 && Number.isFinite(trial.ratingsPerSecond)))
        throw new Error(`timed ${trial.ratings} ratings in ${trial.seconds} s`);
      timings.push({backend, ...trial, software});
    } catch (error) {
      failed.push({backend, detail: `failed while being measured: ${message(error)}`});
    }
  }
  return {timings, failed, seconds: now() - began};
}

/**
 * The fastest backend by ratings per second, or null for no timings. Timings come in auto's order, and a later one
 * wins only when it beats the best so far by more than `noise` (CALIBRATION_NOISE), so a tie goes to the earlier one.
 */
export function fastestBackend<Name extends string>(
  timings: readonly BackendTiming<Name>[],
  {noise = CALIBRATION_NOISE}: {noise?: number} = {}
): Name | null {
  let best: BackendTiming<Name> | null = null;
  for (const t of timings) if (!best || t.ratingsPerSecond > best.ratingsPerSecond * (1 + noise)) best = t;
  return best?.backend ?? null;
}
