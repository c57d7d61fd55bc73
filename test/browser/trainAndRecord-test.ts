import {describe, expect, it} from "vitest";
import {trainAndRecord} from "../../src/components/browser/trainAndRecord.js";
import type {TrainingSession, TrainingState, TrainOptions} from "../../src/components/browser/trainingSession.js";
import type {CheckpointInfo, RunRecord, WorkbookStore} from "../../src/components/browser/workbookStore.js";

const hyper = {factors: 2, bs: 64, epochs: 1, lrMax: 1e-2, wd: 0.1, seed: 42};
const row = {epoch: 0, trainLoss: 1, validLoss: 0.9, seconds: 1};

/** A session whose run ends in `status`, remembering what it was asked to train. */
function session(status: TrainingState["status"], asked: TrainOptions[] = []): TrainingSession {
  const final = {
    status,
    rows: status === "error" ? [] : [row],
    checkpoint: status === "error" ? null : new ArrayBuffer(8),
    backend: "wasm",
    seconds: 1,
    myPredictions: null,
    myRatingsUsed: []
  } as unknown as TrainingState;
  return {
    state: {status: "idle"},
    train: async (options: TrainOptions) => (asked.push(options), final)
  } as unknown as TrainingSession;
}

/** A store that keeps what it is given; `fail` makes its writes throw, as a full disk does. */
function store(fail?: Error) {
  const kept = {runs: [] as RunRecord[], latest: [] as CheckpointInfo[], closed: 0};
  const s = {
    putRun: async (run: RunRecord) => (fail ? Promise.reject(fail) : (kept.runs.push(run), 1)),
    setLatest: async (info: CheckpointInfo) => void kept.latest.push(info),
    close: () => void kept.closed++
  } as unknown as WorkbookStore;
  return {s, kept};
}

const request = {
  ratingsUrl: "/ratings.bin",
  wasmUrls: {},
  backend: "auto" as const,
  hyper,
  myRatings: null,
  dataset: {catalogue: "c", name: "MovieLens 1M"}
};

describe("trainAndRecord(session, store, options)", () => {
  it(
    "trains what it is asked (without the record's names), " + "then keeps the run and its model as the latest",
    async () => {
      const asked: TrainOptions[] = [];
      const {s, kept} = store();
      const run = await trainAndRecord(session("done", asked), s, {...request, name: "mine + 2", resumedFrom: "mine"});
      expect(asked).toEqual([request]);
      expect(run!.error).toBeNull();
      expect(run!.info).toMatchObject({
        name: "mine + 2",
        dataset: "MovieLens 1M",
        hyper,
        epochs: 1,
        validLoss: 0.9,
        bytes: 8
      });
      expect(kept.runs).toMatchObject([
        {dataset: "MovieLens 1M", resumedFrom: "mine", backend: "wasm", history: [row]}
      ]);
      expect(kept.latest).toEqual([run!.info]);
      expect(kept.closed).toBe(0);
    }
  );

  it("opens a store for this run only, and closes it after, when given a function", async () => {
    const {s, kept} = store();
    const run = await trainAndRecord(session("stopped"), async () => s, request);
    expect(run!.info!.name).toBe("2 factors, bs 64, 1 epoch");
    expect(kept.closed).toBe(1);
  });

  it("resolves to null, keeping nothing, when the run ends in an error", async () => {
    const {s, kept} = store();
    expect(await trainAndRecord(session("error"), s, request)).toBeNull();
    expect(kept.runs).toEqual([]);
  });

  it(
    "starts nothing and resolves to null while a run is in progress: a double click, " +
      "or a second button, is no error",
    async () => {
      for (const status of ["loading", "training"] as const) {
        const asked: TrainOptions[] = [];
        const busy = {
          ...session("done", asked),
          state: {status},
          train: (options: TrainOptions) => (
            asked.push(options),
            Promise.reject(new Error("A run is already in progress."))
          )
        } as unknown as TrainingSession;
        const {s, kept} = store();
        expect(await trainAndRecord(busy, s, request)).toBeNull();
        expect(asked).toEqual([]);
        expect(kept.runs).toEqual([]);
      }
    }
  );

  it("returns the store's error, to put in words, when keeping the run fails", async () => {
    const full = new Error("The browser's storage is full.");
    const {s, kept} = store(full);
    const run = await trainAndRecord(session("done"), async () => s, request);
    expect(run).toMatchObject({info: null, error: full});
    expect(kept.closed).toBe(1);
    const unopened = await trainAndRecord(
      session("done"),
      () => Promise.reject(new Error("IndexedDB is blocked")),
      request
    );
    expect(unopened!.error!.message).toBe("IndexedDB is blocked");
  });
});
