import {describe, expect, it} from "vitest";
import {
  BACKEND_SECONDS,
  CALIBRATION_NOISE,
  CALIBRATION_SECONDS,
  calibrateBackends,
  fastestBackend
} from "../../src/components/engine/calibrateBackends.js";
import type {BackendTiming, CalibrationCandidate} from "../../src/components/engine/calibrateBackends.js";

/**
 * Fake backends on a fake clock: `rates` in ratings per second, `warmUp` the seconds each takes to start and warm up
 * (0.1 by default); a trial uses its whole window. `broken` fail to start (a string: they throw it), `throws` fail
 * while timed. Every start, and every window handed out, is logged.
 */
function fakes(
  rates: Record<string, number>,
  {
    warmUp = {},
    broken = {},
    throws = {}
  }: {warmUp?: Record<string, number>; broken?: Record<string, string | false>; throws?: Record<string, string>} = {}
) {
  let clock = 100;
  const started: string[] = [];
  const windows: Record<string, number> = {};
  return {
    started,
    windows,
    now: () => clock,
    start: async (name: string) => {
      started.push(name);
      const fault = broken[name];
      if (typeof fault === "string") throw new Error(fault);
      return fault !== false;
    },
    time: async (name: string, budget: number) => {
      windows[name] = budget;
      clock += warmUp[name] ?? 0.1;
      if (throws[name]) throw new Error(throws[name]);
      const seconds = Math.max(budget, 0.05);
      clock += seconds;
      const ratings = Math.round(rates[name] * seconds);
      return {steps: Math.round(ratings / 256), ratings, seconds, ratingsPerSecond: ratings / seconds};
    }
  };
}
const candidates = (...names: string[]): CalibrationCandidate[] => names.map((backend) => ({backend, software: null}));
const timing = (backend: string, ratingsPerSecond: number): BackendTiming => ({
  backend,
  ratingsPerSecond,
  steps: 1,
  ratings: 1,
  seconds: 1,
  software: null
});

describe("calibrateBackends(candidates, {start, time, budgetSeconds, perBackendSeconds, now})", () => {
  it("starts and times each candidate in order, and gives its rate and what it timed", async () => {
    const f = fakes({webgpu: 9e3, wasm: 41e3, cpu: 2e3});
    const c = await calibrateBackends(
      [{backend: "webgpu", software: "a software adapter (google swiftshader)"}, ...candidates("wasm", "cpu")],
      f
    );
    expect(f.started).toEqual(["webgpu", "wasm", "cpu"]);
    expect(c.timings.map((t) => [t.backend, Math.round(t.ratingsPerSecond), t.software])).toEqual([
      ["webgpu", 9e3, "a software adapter (google swiftshader)"],
      ["wasm", 41e3, null],
      ["cpu", 2e3, null]
    ]);
    expect(c.timings[1]).toMatchObject({seconds: BACKEND_SECONDS, ratings: Math.round(41e3 * BACKEND_SECONDS)});
    expect(c.failed).toEqual([]);
  });

  it(
    "keeps within its budget on a fake clock: each window at most perBackendSeconds, " +
      "a slow warm-up shortening the windows after it",
    async () => {
      const quick = fakes({a: 1e3, b: 1e3, c: 1e3, d: 1e3});
      const q = await calibrateBackends(candidates("a", "b", "c", "d"), quick);
      expect(Object.values(quick.windows)).toEqual([
        BACKEND_SECONDS,
        BACKEND_SECONDS,
        BACKEND_SECONDS,
        BACKEND_SECONDS
      ]);
      // Four windows of 0.3 s and four warm-ups of 0.1 s: 1.6 s, the last warm-up over the 1.5 s budget.
      expect(q.seconds).toBeCloseTo(1.6, 9);

      const slow = fakes({a: 1e3, b: 1e3, c: 1e3, d: 1e3}, {warmUp: {a: 1}});
      const s = await calibrateBackends(candidates("a", "b", "c", "d"), slow);
      expect(slow.windows.a).toBe(BACKEND_SECONDS);
      // 1.3 s gone after a: the 0.2 s left are shared by b, c and d, and end at 0 once spent.
      expect(slow.windows.b).toBeCloseTo(0.2 / 3, 9);
      expect(slow.windows.d).toBe(0);
      expect(Object.values(slow.windows).reduce((x, y) => x + y)).toBeLessThanOrEqual(CALIBRATION_SECONDS);
      expect(s.timings.map((t) => t.backend)).toEqual(["a", "b", "c", "d"]);

      const tight = fakes({a: 1e3, b: 1e3});
      await calibrateBackends(candidates("a", "b"), {...tight, budgetSeconds: 0.4, perBackendSeconds: 1});
      expect(tight.windows.a).toBe(0.2);
      expect(tight.windows.b).toBeCloseTo(0.1, 9);
    }
  );

  it("lists a backend that does not start, or throws while timed, with its reason, and times the others", async () => {
    const f = fakes(
      {webgl: 5, wasm: 40, cpu: 2},
      {broken: {webgpu: "no adapter", webgl: false}, throws: {wasm: "out of memory"}}
    );
    const c = await calibrateBackends(candidates("webgpu", "webgl", "wasm", "cpu"), f);
    expect(c.failed).toEqual([
      {backend: "webgpu", detail: "no adapter"},
      {backend: "webgl", detail: "did not initialise"},
      {backend: "wasm", detail: "failed while being measured: out of memory"}
    ]);
    expect(c.timings.map((t) => t.backend)).toEqual(["cpu"]);
  });

  it("counts a trial that timed nothing as failed", async () => {
    const f = fakes({wasm: 0});
    const c = await calibrateBackends(candidates("wasm"), f);
    expect(c.timings).toEqual([]);
    expect(c.failed).toEqual([{backend: "wasm", detail: "failed while being measured: timed 0 ratings in 0.3 s"}]);
  });

  it(
    "times a candidate with fallbackFor only when that backend could not be timed, " + "and keeps no window for it",
    async () => {
      const cpu = {backend: "cpu", software: null, fallbackFor: "wasm"};
      const f = fakes({wasm: 40, cpu: 30, webgpu: 50});
      const c = await calibrateBackends([...candidates("wasm"), cpu, ...candidates("webgpu")], {
        ...f,
        budgetSeconds: 0.5,
        perBackendSeconds: 1
      });
      expect(f.started).toEqual(["wasm", "webgpu"]);
      expect(c.timings.map((t) => t.backend)).toEqual(["wasm", "webgpu"]);
      // wasm and webgpu share the budget: 0.25 s, then what is left after wasm's warm-up and window.
      expect(f.windows.wasm).toBe(0.25);
      expect(f.windows.webgpu).toBeCloseTo(0.15, 9);
      const g = fakes({cpu: 30}, {broken: {wasm: "no wasm"}});
      const d = await calibrateBackends([...candidates("wasm"), cpu], g);
      expect(g.started).toEqual(["wasm", "cpu"]);
      expect(d.timings.map((t) => t.backend)).toEqual(["cpu"]);
    }
  );
});

describe("fastestBackend(timings, {noise})", () => {
  it("picks the most ratings per second, wherever it is listed", () => {
    expect(fastestBackend([timing("webgpu", 9e3), timing("wasm", 41e3), timing("cpu", 2e3)])).toBe("wasm");
    expect(fastestBackend([timing("wasm", 41e3), timing("webgpu", 90e3)])).toBe("webgpu");
    expect(fastestBackend([])).toBeNull();
  });

  it("keeps the earlier of two within the noise, and takes a later one faster by more", () => {
    const edge = 1 + CALIBRATION_NOISE;
    expect(fastestBackend([timing("webgpu", 100), timing("wasm", 100 * edge)])).toBe("webgpu");
    expect(fastestBackend([timing("webgpu", 100), timing("wasm", 100 * edge + 1)])).toBe("wasm");
    expect(fastestBackend([timing("a", 100), timing("b", 115), timing("c", 125)])).toBe("c");
    expect(fastestBackend([timing("a", 100), timing("b", 200)], {noise: 1.5})).toBe("a");
  });
});
