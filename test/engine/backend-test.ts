import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {BACKENDS, chooseBackend, pickBackend} from "../../src/components/engine/backend.js";
import {BACKEND_CHOICES} from "../../src/components/model/trainSettings.js";
import type {BackendName} from "../../src/components/engine/backend.js";
import type {GpuSkip} from "../../src/components/engine/softwareGpu.js";
import {WASM_PATH} from "../support/tf.js";

describe("pickBackend(preferred, {wasmPath})", () => {
  it("uses the backend it is asked for", async () => {
    expect(await pickBackend("cpu")).toBe("cpu");
    expect(tf.getBackend()).toBe("cpu");
    expect(await pickBackend("wasm", {wasmPath: WASM_PATH})).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
  });
  it("falls back to wasm in Node, where there is neither WebGPU nor WebGL", async () => {
    expect(await pickBackend("auto", {wasmPath: WASM_PATH})).toBe("wasm");
  });
  it("says why when the forced backend cannot start", async () => {
    await expect(pickBackend("webgpu")).rejects.toThrow(/webgpu: navigator.gpu is missing/);
  });
  it("rejects an unknown name with a TypeError", async () => {
    await expect(pickBackend("tpu" as "cpu")).rejects.toThrow(TypeError);
  });
});

/** Fake backends: `gpus` says what the probe finds, `broken` which fail to start (and how); every start is logged. */
function fakes(
  gpus: Partial<Record<"webgpu" | "webgl", GpuSkip>>,
  broken: Partial<Record<BackendName, string | false>> = {}
) {
  const started: BackendName[] = [];
  return {
    started,
    probe: async (name: "webgpu" | "webgl") => gpus[name] ?? null,
    start: async (name: BackendName) => {
      started.push(name);
      const fault = broken[name];
      if (typeof fault === "string") throw new Error(fault);
      return fault !== false;
    }
  };
}
const SWIFTSHADER: GpuSkip = {why: "software", detail: "a software adapter (google swiftshader)"};
const NO_ADAPTER: GpuSkip = {why: "missing", detail: "no WebGPU adapter"};

describe("chooseBackend(requested, {probe, start})", () => {
  it("with auto, starts the first of webgpu, webgl, wasm, cpu that runs on a real GPU or is not a GPU", async () => {
    const f = fakes({});
    expect(await chooseBackend("auto", f)).toEqual({backend: "webgpu", skipped: [], software: null});
    expect(f.started).toEqual(["webgpu"]);
  });

  it("with auto, skips a missing or software GPU, and one that fails to start, saying why", async () => {
    const f = fakes({webgpu: NO_ADAPTER, webgl: SWIFTSHADER}, {wasm: "could not fetch tfjs-backend-wasm.wasm"});
    expect(await chooseBackend("auto", f)).toEqual({
      backend: "cpu",
      skipped: [
        {backend: "webgpu", why: "missing", detail: "no WebGPU adapter"},
        {backend: "webgl", why: "software", detail: "a software adapter (google swiftshader)"},
        {backend: "wasm", why: "failed", detail: "could not fetch tfjs-backend-wasm.wasm"}
      ],
      software: null
    });
    // A software GPU is never started: it would be slower than wasm.
    expect(f.started).toEqual(["wasm", "cpu"]);
  });

  it("with auto, counts a backend whose start resolves false as failed", async () => {
    const f = fakes({webgpu: NO_ADAPTER}, {webgl: false});
    const choice = await chooseBackend("auto", f);
    expect(choice.backend).toBe("wasm");
    expect(choice.skipped[1]).toEqual({backend: "webgl", why: "failed", detail: "did not initialise"});
  });

  it("with auto, lists every reason when nothing starts", async () => {
    const f = fakes({webgpu: NO_ADAPTER, webgl: SWIFTSHADER}, {wasm: "no wasm", cpu: "no cpu"});
    await expect(chooseBackend("auto", f)).rejects.toThrow(
      "No TF.js backend could start (webgpu: no WebGPU adapter; webgl: a software adapter (google " +
        "swiftshader); wasm: no wasm; cpu: no cpu)."
    );
  });

  it("starts a backend asked for by name, and only that one", async () => {
    for (const name of ["webgpu", "webgl", "wasm", "cpu"] as const) {
      const f = fakes({});
      expect(await chooseBackend(name, f)).toEqual({backend: name, skipped: [], software: null});
      expect(f.started).toEqual([name]);
    }
  });

  it("starts a GPU backend asked for by name even on a software GPU, and says so", async () => {
    const f = fakes({webgpu: SWIFTSHADER});
    expect(await chooseBackend("webgpu", f)).toEqual({
      backend: "webgpu",
      skipped: [],
      software: "a software adapter (google swiftshader)"
    });
  });

  it(
    "throws with the reason when a backend asked for by name cannot start, " + "never falling back to another",
    async () => {
      const missing = fakes({webgpu: NO_ADAPTER});
      await expect(chooseBackend("webgpu", missing)).rejects.toThrow(
        "The webgpu backend could not start (webgpu: no WebGPU adapter)."
      );
      expect(missing.started).toEqual([]);
      const failing = fakes({}, {webgl: "context lost"});
      await expect(chooseBackend("webgl", failing)).rejects.toThrow(
        "The webgl backend could not start (webgl: context lost)."
      );
      expect(failing.started).toEqual(["webgl"]);
      const wasm = fakes({}, {wasm: false});
      await expect(chooseBackend("wasm", wasm)).rejects.toThrow(
        "The wasm backend could not start (wasm: did not initialise)."
      );
      expect(wasm.started).toEqual(["wasm"]);
    }
  );

  it("rejects an unknown name with a TypeError, before starting anything", async () => {
    const f = fakes({});
    await expect(chooseBackend("tpu" as "cpu", f)).rejects.toThrow(TypeError);
    expect(f.started).toEqual([]);
  });
});

/**
 * A fake trial on a fake clock: each backend trains at `rates[name]` ratings per second (a name missing from it
 * throws), and uses its whole window.
 */
function fakeTime(rates: Partial<Record<BackendName, number>>) {
  let clock = 0;
  const timed: BackendName[] = [];
  return {
    timed,
    calibration: {now: () => clock},
    time: async (name: BackendName, budget: number) => {
      timed.push(name);
      const rate = rates[name];
      if (rate === undefined) throw new Error(`${name} lost its device`);
      clock += 0.1 + budget;
      return {
        steps: Math.round((rate * budget) / 256),
        ratings: rate * budget,
        seconds: budget,
        ratingsPerSecond: rate
      };
    }
  };
}

describe('chooseBackend("auto", {probe, start, time})', () => {
  it(
    "measures every backend that starts, a software GPU included, and starts the fastest: " +
      "never a slow one listed first",
    async () => {
      const f = fakes({webgpu: SWIFTSHADER, webgl: NO_ADAPTER});
      const t = fakeTime({webgpu: 9e3, wasm: 41e3, cpu: 2e3});
      const choice = await chooseBackend("auto", {...f, ...t});
      expect(choice.backend).toBe("wasm");
      // The host step first, then the GPUs; cpu runs wasm's step, so it is not timed;
      // the fastest is started again last.
      expect(f.started).toEqual(["wasm", "webgpu", "wasm"]);
      expect(t.timed).toEqual(["wasm", "webgpu"]);
      expect(choice.timings!.map((x) => [x.backend, x.ratingsPerSecond, x.software])).toEqual([
        ["webgpu", 9e3, SWIFTSHADER.detail],
        ["wasm", 41e3, null]
      ]);
      // The slower software GPU is passed over in the probe's words, as before; the missing one too.
      expect(choice.skipped).toEqual([
        {backend: "webgpu", ...SWIFTSHADER},
        {backend: "webgl", ...NO_ADAPTER}
      ]);
      expect(choice.software).toBeNull();
      // Two windows of 0.3 s, two warm-ups of 0.1 s, on the fake clock.
      expect(choice.calibrationSeconds).toBeCloseTo(0.8, 9);
    }
  );

  it("starts a GPU that measures faster, and a fake slow GPU first in the order never wins", async () => {
    const fast = fakes({});
    expect(
      (await chooseBackend("auto", {...fast, ...fakeTime({webgpu: 900e3, webgl: 50e3, wasm: 41e3})})).backend
    ).toBe("webgpu");
    expect(fast.started.at(-1)).toBe("webgpu");
    const slow = fakes({});
    const choice = await chooseBackend("auto", {...slow, ...fakeTime({webgpu: 1e3, webgl: 2e3, wasm: 41e3})});
    expect(choice.backend).toBe("wasm");
    expect(slow.started.at(-1)).toBe("wasm");
    // A slower real GPU is not "skipped": the timings say why it lost.
    // webgl, on the same GPU, stands in for webgpu only.
    expect(choice.skipped).toEqual([]);
    expect(choice.timings!.map((x) => x.backend)).toEqual(["webgpu", "wasm"]);
    // A fake slow webgl, timed when webgpu is missing, never wins either.
    const noWebGpu = fakes({webgpu: NO_ADAPTER});
    const t = fakeTime({webgl: 2e3, wasm: 41e3});
    expect((await chooseBackend("auto", {...noWebGpu, ...t})).backend).toBe("wasm");
    expect(t.timed).toEqual(["wasm", "webgl"]);
  });

  it(
    "does not time a software WebGL while wasm can be (its first steps take longer " +
      "than the whole budget), and says so",
    async () => {
      const f = fakes({webgpu: NO_ADAPTER, webgl: SWIFTSHADER});
      const t = fakeTime({webgl: 170, wasm: 41e3});
      const choice = await chooseBackend("auto", {...f, ...t});
      expect(t.timed).toEqual(["wasm"]);
      expect(choice.backend).toBe("wasm");
      expect(choice.skipped).toEqual([
        {backend: "webgpu", ...NO_ADAPTER},
        {backend: "webgl", ...SWIFTSHADER}
      ]);
      const noWasm = fakes({webgpu: NO_ADAPTER, webgl: SWIFTSHADER}, {wasm: "no wasm"});
      const u = fakeTime({webgl: 170, cpu: 2e3});
      expect((await chooseBackend("auto", {...noWasm, ...u})).backend).toBe("cpu");
      expect(u.timed).toEqual(["cpu", "webgl"]);
    }
  );

  it("times webgl beside webgpu when only one of them is a software GPU", async () => {
    const f = fakes({webgpu: SWIFTSHADER});
    const t = fakeTime({webgpu: 9e3, webgl: 80e3, wasm: 41e3});
    const choice = await chooseBackend("auto", {...f, ...t});
    expect(t.timed).toEqual(["wasm", "webgpu", "webgl"]);
    expect(choice.backend).toBe("webgl");
  });

  it(
    "passes over a backend that fails to start or throws while measured, with its reason, " +
      "and times cpu when wasm fails",
    async () => {
      const f = fakes({}, {webgl: "context lost", wasm: "could not fetch tfjs-backend-wasm.wasm"});
      const t = fakeTime({cpu: 2e3});
      const choice = await chooseBackend("auto", {...f, ...t});
      expect(choice.backend).toBe("cpu");
      expect(t.timed).toEqual(["cpu", "webgpu"]);
      expect(choice.skipped).toEqual([
        {backend: "webgpu", why: "failed", detail: "failed while being measured: webgpu lost its device"},
        {backend: "webgl", why: "failed", detail: "context lost"},
        {backend: "wasm", why: "failed", detail: "could not fetch tfjs-backend-wasm.wasm"}
      ]);
      expect(choice.timings!.map((x) => x.backend)).toEqual(["cpu"]);
    }
  );

  it("lists every reason when nothing could be measured", async () => {
    const f = fakes({webgpu: NO_ADAPTER}, {wasm: "no wasm"});
    await expect(chooseBackend("auto", {...f, ...fakeTime({})})).rejects.toThrow(
      "No TF.js backend could start (webgpu: no WebGPU adapter; webgl: failed while being measured: webgl lost its " +
        "device; wasm: no wasm; cpu: failed while being measured: cpu lost its device)."
    );
  });

  it("never measures a backend asked for by name: a forced software GPU starts as asked, and says so", async () => {
    for (const name of BACKENDS) {
      const f = fakes({webgpu: SWIFTSHADER});
      const t = fakeTime({webgpu: 1, webgl: 1, wasm: 1, cpu: 1});
      const choice = await chooseBackend(name, {...f, ...t});
      expect(choice).toEqual({backend: name, skipped: [], software: name === "webgpu" ? SWIFTSHADER.detail : null});
      expect(f.started).toEqual([name]);
      expect(t.timed).toEqual([]);
    }
  });
});

describe("BACKENDS", () => {
  it("are the pages' choices (model/trainSettings's BACKEND_CHOICES) without auto, in the same order", () => {
    // Pages may not import engine values, and the engine's list may not import the pages' (a cycle through the types).
    expect(BACKEND_CHOICES).toEqual(["auto", ...BACKENDS]);
  });
});
