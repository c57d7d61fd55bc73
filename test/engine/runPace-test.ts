import {describe, expect, it} from "vitest";
import {createRunPace} from "../../src/components/engine/runPace.js";
import type {Pace} from "../../src/components/engine/runPace.js";

/**
 * A run as the training worker reports it: `epochs` × `steps` batches of `bs` at `stepSeconds` each, a report every
 * `every` steps and at each epoch's last batch, and `validationSeconds` of validation after each epoch (on wasm, about
 * 5% of an epoch's training time).
 */
function simulate({
  epochs = 3,
  steps = 1000,
  bs = 256,
  stepSeconds = 0.002,
  validationSeconds = 0.15,
  every = 50
} = {}) {
  const totalSteps = epochs * steps;
  const pace = createRunPace({bs, totalSteps});
  const reports: (Pace & {step: number; seconds: number; trueLeft: number})[] = [];
  let seconds = 0.4; // setup before the first batch
  for (let epoch = 0; epoch < epochs; ++epoch) {
    for (let batch = 0; batch < steps; ++batch) {
      seconds += stepSeconds;
      const step = epoch * steps + batch + 1;
      if (batch % every === 0 || batch === steps - 1) {
        const left = totalSteps - step;
        const trueLeft = left * stepSeconds + (epochs - epoch) * validationSeconds;
        reports.push({...pace.batch(step, seconds), step, seconds, trueLeft});
      }
    }
    seconds += validationSeconds;
    pace.epochEnd();
  }
  return reports;
}

describe("createRunPace({bs, totalSteps, minSeconds, minShare})", () => {
  it("shows no time left until 3 s and 5% of the run have passed", () => {
    const reports = simulate();
    const first = reports.findIndex((r) => r.etaSeconds !== null);
    expect(first).toBeGreaterThan(0);
    expect(reports.slice(0, first).every((r) => r.etaSeconds === null)).toBe(true);
    expect(reports[first].seconds - reports[0].seconds).toBeGreaterThanOrEqual(3);
    expect(reports.slice(first).every((r) => r.etaSeconds !== null)).toBe(true);
  });

  it("never jumps up at the start of an epoch, where the previous epoch's validation delays the first report", () => {
    const shown = simulate().filter((r) => r.etaSeconds !== null);
    expect(shown.length).toBeGreaterThan(20);
    for (let i = 1; i < shown.length; ++i)
      expect(shown[i].etaSeconds!, `at step ${shown[i].step}`).toBeLessThanOrEqual(
        shown[i - 1].etaSeconds! * 1.1 + 0.1
      );
    for (const r of shown)
      expect(Math.abs(r.etaSeconds! - r.trueLeft), `at step ${r.step}`).toBeLessThanOrEqual(0.1 * r.trueLeft + 0.2);
  });

  it("reports the training rate, validation left out, and none before a batch was timed", () => {
    const reports = simulate({bs: 256, stepSeconds: 0.002});
    expect(reports[0].ratingsPerSecond).toBeNull();
    for (const r of reports.slice(1)) expect(r.ratingsPerSecond!, `at step ${r.step}`).toBeCloseTo(256 / 0.002, -2);
  });

  it("ends at zero time left", () => {
    expect(simulate({epochs: 2, validationSeconds: 0.1}).at(-1)!.etaSeconds).toBe(0);
  });
});
