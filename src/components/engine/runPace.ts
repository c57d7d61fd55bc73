/** How fast a run trains, and how long it has left, as the Train page shows them. */
export interface Pace {
  /** Ratings trained per second over the run so far, validation left out; null before any batch was timed. */
  ratingsPerSecond: number | null;
  /**
   * Seconds left, from the run's whole average so far (validation included); null until that average means something.
   */
  etaSeconds: number | null;
}

/**
 * A run's batch size and planned steps, and when its time left is worth showing (defaults:
 * after 3 s and 5% of the steps).
 */
export interface RunPaceOptions {
  bs: number;
  totalSteps: number;
  minSeconds?: number;
  minShare?: number;
}

/**
 * Follows a run's pace from its batch reports. The rate of the last interval alone swings wildly: the first report of
 * each epoch waits for the previous epoch's validation, which once showed "21:47 left" at every epoch's start. So the
 * rate is the run's average over the time spent training, and the time left is the run's average over all its time
 * (validation is part of what is left), shown only once enough of the run has passed for an average to mean something.
 */
export function createRunPace({bs, totalSteps, minSeconds = 3, minShare = 0.05}: RunPaceOptions) {
  let first: {step: number; seconds: number} | null = null;
  let last: {step: number; seconds: number} | null = null;
  let trainedSteps = 0;
  let trainingSeconds = 0;
  let validating = false;
  return {
    /** A batch report: the steps this run has taken so far, at a time in seconds. */
    batch(step: number, seconds: number): Pace {
      if (!first || !last) first = {step, seconds};
      else if (!validating) {
        trainedSteps += step - last.step;
        trainingSeconds += seconds - last.seconds;
      }
      validating = false;
      last = {step, seconds};
      const done = step - first.step;
      const elapsed = seconds - first.seconds;
      const meaningful = elapsed >= minSeconds && done > 0 && done >= minShare * totalSteps;
      return {
        ratingsPerSecond: trainingSeconds > 0 ? (trainedSteps * bs) / trainingSeconds : null,
        etaSeconds: meaningful ? (elapsed / done) * Math.max(0, totalSteps - step) : null
      };
    },
    /** An epoch ended: the wait until the next report holds its validation, which is not training. */
    epochEnd(): void {
      validating = true;
    }
  };
}
