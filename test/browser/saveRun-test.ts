import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {defaultCheckpointName, saveRun} from "../../src/components/browser/saveRun.js";
import type {TrainingState} from "../../src/components/browser/trainingSession.js";
import type {CheckpointInfo, RunRecord, WorkbookStore} from "../../src/components/browser/workbookStore.js";

const hyper = {factors: 50, bs: 64, epochs: 2, lrMax: 5e-3, wd: 0.1, seed: 42};
const myRatingsUsed = [{movieId: 1, rating: 4, timestamp: 5}];
const rows = [
  {epoch: 0, trainLoss: 0.9, validLoss: 0.85, seconds: 3},
  {epoch: 1, trainLoss: 0.8, validLoss: 0.82, seconds: 3}
];
const final = (over: Partial<TrainingState> = {}) =>
  ({
    status: "done",
    stopping: false,
    backend: "wasm",
    rows,
    seconds: 6,
    checkpoint: new ArrayBuffer(1_000),
    myPredictions: Float32Array.of(3.5),
    myRatingsUsed,
    ...over
  }) as TrainingState;

/** A store that keeps what saveRun gives it; only the two methods it uses are real. */
function fakeStore({fail}: {fail?: Error} = {}) {
  const runs: RunRecord[] = [];
  const latest: {info: CheckpointInfo; bytes: ArrayBuffer}[] = [];
  const store = {
    putRun: async (run: RunRecord) => (fail ? Promise.reject(fail) : runs.push(run)),
    setLatest: async (info: CheckpointInfo, bytes: ArrayBuffer) => void latest.push({info, bytes})
  } as unknown as WorkbookStore;
  return {store, runs, latest};
}

beforeEach(() => vi.useFakeTimers({now: new Date("2024-05-01T12:00:00.000Z")}));
afterEach(() => vi.useRealTimers());

describe("saveRun(store, final, {dataset, hyper, name, resumedFrom})", () => {
  it("keeps the run in the history and its model as the latest, and returns its id and the model's info", async () => {
    const {store, runs, latest} = fakeStore();
    const state = final();
    const saved = await saveRun(store, state, {dataset: "MovieLens 10M", hyper, resumedFrom: "Run #1"});
    const info = saved!.info;
    expect(saved!.runId).toBe(1);
    expect(runs).toEqual([
      {
        finishedAt: "2024-05-01T12:00:00.000Z",
        dataset: "MovieLens 10M",
        backend: "wasm",
        hyper,
        history: rows,
        seconds: 6,
        stopped: false,
        resumedFrom: "Run #1",
        myPredictions: Float32Array.of(3.5),
        myRatingsUsed
      }
    ]);
    expect(info).toEqual({
      name: "50 factors, bs 64, 2 epochs",
      savedAt: "2024-05-01T12:00:00.000Z",
      dataset: "MovieLens 10M",
      hyper,
      epochs: 2,
      validLoss: 0.82,
      bytes: 1_000,
      myRatingsUsed
    });
    expect(latest).toHaveLength(1);
    expect(latest[0].info).toBe(info);
    expect(latest[0].bytes).toBe(state.checkpoint);
  });

  it("names a one-epoch run in the singular, takes a given name, and marks a stopped run", async () => {
    const {store, runs} = fakeStore();
    expect((await saveRun(store, final({rows: rows.slice(0, 1)}), {dataset: "d", hyper}))!.info!.name).toBe(
      "50 factors, bs 64, 1 epoch"
    );
    expect(
      (await saveRun(store, final({status: "stopped", backend: null}), {dataset: "d", hyper, name: "mine"}))!.info!.name
    ).toBe("mine");
    expect(runs.map((r) => [r.stopped, r.backend])).toEqual([
      [false, "wasm"],
      [true, "unknown"]
    ]);
  });

  it("keeps a diverged run in the history, marked, but not as the latest model", async () => {
    const {store, runs, latest} = fakeStore();
    expect(await saveRun(store, final({diverged: true}), {dataset: "d", hyper})).toEqual({runId: 1, info: null});
    expect(runs.map((r) => r.diverged)).toEqual([true]);
    expect(latest).toEqual([]);
  });

  it("keeps nothing for a run with no model or no finished epoch", async () => {
    const {store, runs, latest} = fakeStore();
    expect(await saveRun(store, final({checkpoint: null}), {dataset: "d", hyper})).toBeNull();
    expect(await saveRun(store, final({rows: []}), {dataset: "d", hyper})).toBeNull();
    expect(runs).toEqual([]);
    expect(latest).toEqual([]);
  });

  it("throws the store's error for the page to show, and then keeps no latest model", async () => {
    const {store, latest} = fakeStore({fail: new Error("The browser's storage for this site is full")});
    await expect(saveRun(store, final(), {dataset: "d", hyper})).rejects.toThrow(
      "The browser's storage for this site is full"
    );
    expect(latest).toEqual([]);
  });
});

describe("defaultCheckpointName(hyper, epochs)", () => {
  it("names the factors, the batch size and the epochs", () => {
    expect(defaultCheckpointName({factors: 50, bs: 256}, 3)).toBe("50 factors, bs 256, 3 epochs");
    expect(defaultCheckpointName({factors: 20, bs: 64}, 1)).toBe("20 factors, bs 64, 1 epoch");
  });
});
