// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {
  TrainingProgress,
  backendNote,
  measuredNote,
  trainingAnnouncement
} from "../../src/components/ui/TrainingProgress.js";
import type {TrainingState} from "../../src/components/browser/trainingSession.js";
import type {BackendTiming} from "../../src/components/engine/trainProtocol.js";

describe("backendNote(backend, skipped)", () => {
  it("says nothing when no backend was passed over", () => {
    expect(backendNote("webgpu", [])).toBeNull();
  });

  it("tells a software GPU in plain words, calmly: it is expected, and WebAssembly is faster", () => {
    expect(
      backendNote("wasm", [
        {
          backend: "webgpu",
          why: "software",
          detail: "a software adapter (google swiftshader), which runs on the CPU and is slower than wasm"
        },
        {
          backend: "webgl",
          why: "software",
          detail: "a software renderer (ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero))))"
        }
      ])
    ).toEqual({
      calm: true,
      text:
        "Your browser's WebGPU and WebGL run on the CPU here (a software renderer), " +
        "so training uses WebAssembly, which is faster."
    });
    expect(backendNote("wasm", [{backend: "webgpu", why: "software", detail: "a software adapter"}])!.text).toBe(
      "Your browser's WebGPU runs on the CPU here (a software renderer), so training uses WebAssembly, which is faster."
    );
  });

  it("tells a missing GPU calmly, and names the backend in use", () => {
    expect(backendNote("webgl", [{backend: "webgpu", why: "missing", detail: "no WebGPU adapter"}])).toEqual({
      calm: true,
      text: "This browser offers no WebGPU, so training uses WebGL."
    });
    expect(
      backendNote("wasm", [
        {backend: "webgpu", why: "missing", detail: "no WebGPU adapter"},
        {backend: "webgl", why: "software", detail: "SwiftShader"}
      ])!.text
    ).toBe(
      "Your browser's WebGL runs on the CPU here (a software renderer); this browser offers no WebGPU, " +
        "so training uses WebAssembly, which is faster."
    );
  });

  it("is not calm when a backend failed to start", () => {
    expect(backendNote("cpu", [{backend: "wasm", why: "failed", detail: "did not initialise"}])).toEqual({
      calm: false,
      text: "WebAssembly could not start, so training uses plain JavaScript."
    });
  });
});

describe("measuredNote(backend, timings, seconds)", () => {
  const timing = (
    backend: BackendTiming["backend"],
    ratingsPerSecond: number,
    software: string | null = null
  ): BackendTiming => ({backend, ratingsPerSecond, steps: 1, ratings: 1, seconds: 1, software});

  it("says nothing without timings (a backend asked for by name)", () => {
    expect(measuredNote("wasm", null)).toBeNull();
    expect(measuredNote("wasm", [])).toBeNull();
  });

  it("lists what auto measured, fastest first, a software GPU marked, and the choice, in one line", () => {
    expect(
      measuredNote(
        "wasm",
        [
          timing("webgpu", 9_120, "a software adapter (google swiftshader)"),
          timing("wasm", 41_300),
          timing("cpu", 2_040)
        ],
        1.234
      )
    ).toBe(
      "Auto measured wasm 41K ratings/s, webgpu 9.1K ratings/s (software GPU) and cpu 2K " +
        "ratings/s in 1.2 s: training on wasm."
    );
    expect(measuredNote("webgpu", [timing("webgpu", 2_400_000), timing("wasm", 380_000)])).toBe(
      "Auto measured webgpu 2.4M ratings/s and wasm 380K ratings/s: training on webgpu."
    );
    expect(measuredNote("wasm", [timing("wasm", 512)], 0.3)).toBe(
      "Auto measured wasm 510 ratings/s in 0.3 s: training on wasm."
    );
  });

  it("says when it measured, and that a run kept an earlier measure of its shape instead of measuring again", () => {
    const at = new Date(2026, 11, 7, 7, 12).getTime();
    expect(measuredNote("wasm", [timing("wasm", 41_300)], 0.4, {measuredAt: at})).toBe(
      "Auto measured wasm 41K ratings/s in 0.4 s at 07:12: training on wasm."
    );
    expect(measuredNote("wasm", [timing("wasm", 41_300)], 0.4, {measuredAt: at, kept: true})).toBe(
      "Auto measured wasm 41K ratings/s in 0.4 s at 07:12 for this model's shape, and keeps that choice for the " +
        "rest of this visit: training on wasm."
    );
  });
});

describe("TrainingProgress(state)", () => {
  const state = (over: Partial<TrainingState>): TrainingState => ({
    status: "idle",
    text: "",
    notes: [],
    backend: "wasm",
    skipped: [],
    timings: null,
    calibrationSeconds: null,
    measuredAt: null,
    measureKept: false,
    data: null,
    progress: null,
    rows: [],
    batchLosses: [],
    error: null,
    checkpoint: null,
    hyper: null,
    seconds: 0,
    memory: null,
    myPredictions: null,
    myRatingsUsed: [],
    ranking: null,
    ranker: null,
    diverged: false,
    stopping: false,
    trained: false,
    kept: null,
    ...over
  });
  const progress = {
    type: "batch" as const,
    epoch: 2,
    batch: 3125,
    batches: 3125,
    loss: 0.7,
    ratingsPerSecond: 3e6,
    etaSeconds: 0
  };

  it(
    "says what the run does once its epochs are done (saving, ranking), " +
      "with an indeterminate bar, not the last batch",
    () => {
      const root = TrainingProgress(
        state({status: "finishing", text: "Ranking every movie for held-out users, against three baselines…", progress})
      );
      expect(root.dataset.status).toBe("finishing");
      expect(root.querySelector(".progress-text")!.textContent).toBe(
        "Ranking every movie for held-out users, against three baselines… The epochs are done; stay on this page a " +
          "moment, until the run is saved."
      );
      expect(root.querySelector("progress")!.hasAttribute("value")).toBe(false);
    }
  );

  it("says what became of the run while its ranking is measured: kept, or not saved", () => {
    const text = (kept: TrainingState["kept"]) =>
      TrainingProgress(
        state({status: "finishing", text: "Fitting the ranking model (iALS): epoch 2 of 8…", kept})
      ).querySelector(".progress-text")!.textContent;
    expect(text("kept")).toBe(
      "Fitting the ranking model (iALS): epoch 2 of 8… The run is kept (see below); leaving now skips only the " +
        "measuring of its ranking."
    );
    expect(text("failed")).toBe(
      "Fitting the ranking model (iALS): epoch 2 of 8… The run could not be saved (see below why)."
    );
  });

  it("says nothing was kept when a run is stopped before its first epoch ended", () => {
    const root = TrainingProgress(state({status: "stopped", text: "Stopped.", seconds: 1.25, rows: []}));
    expect(root.querySelector(".progress-text")!.textContent).toBe(
      "Stopped after 1.3 s, before the first epoch ended: nothing was kept."
    );
  });

  it("shows the batch while training, and the worker's clock for benchmarks once epochs end", () => {
    const root = TrainingProgress(
      state({
        status: "training",
        progress,
        rows: [
          {epoch: 0, trainLoss: 1, validLoss: 0.9, seconds: 1.23456},
          // A fast kernel's epoch on a small set: kept to 0.1 ms, not rounded to 0.
          {epoch: 1, trainLoss: 0.9, validLoss: 0.8, seconds: 0.00321}
        ],
        seconds: 0
      })
    );
    expect(root.querySelector(".progress-text")!.textContent).toMatch(
      /^Epoch 2: batch 3,125 of 3,125 · 3,000,000 ratings\/s/
    );
    expect(root.querySelector("progress")!.value).toBe(3125);
    expect(root.dataset.epochSeconds).toBe("[1.2346,0.0032]");
    expect(root.dataset.runSeconds).toBeUndefined();
  });
});

describe("trainingAnnouncement(prev, next)", () => {
  const base = {
    status: "idle",
    rows: [],
    seconds: 0,
    backend: null,
    kept: null,
    error: null
  } as unknown as TrainingState;
  const at = (over: Partial<TrainingState>) => ({...base, ...over}) as TrainingState;
  const row = (epoch: number) => ({epoch, trainLoss: 1, validLoss: 0.91234, seconds: 1});
  it("says a run starting, each epoch, the end of training, the run kept and how it ended, not batches", () => {
    const steps: Partial<TrainingState>[] = [
      {status: "loading"},
      {status: "training", backend: "wasm"},
      {status: "training", backend: "wasm", progress: {} as never},
      {status: "training", backend: "wasm", rows: [row(0)]},
      {status: "finishing", rows: [row(0)]},
      {status: "finishing", rows: [row(0)], kept: "kept"},
      {status: "done", rows: [row(0)], kept: "kept", seconds: 2.04}
    ];
    const said = steps.map((s, i) => trainingAnnouncement(at(i ? steps[i - 1] : {}), at(s)));
    expect(said).toEqual([
      "Starting the run.",
      "Training on wasm.",
      null,
      "Epoch 0 done: valid_loss 0.9123.",
      "The epochs are done: keeping the run, then measuring its ranking.",
      "The run is kept.",
      "Done in 2.0 s."
    ]);
    expect(trainingAnnouncement(at({status: "training"}), at({status: "stopped"}))).toBe(
      "Stopped before the first epoch ended."
    );
    expect(trainingAnnouncement(at({status: "training"}), at({status: "error", error: "It broke."}))).toBe("It broke.");
  });
});
