import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {canStop, createTrainingSession, runInProgress} from "../../src/components/browser/trainingSession.js";
import type {TrainOptions, TrainingState} from "../../src/components/browser/trainingSession.js";
import type {TrainEvent} from "../../src/components/engine/trainProtocol.js";
import {recallAutoMeasures} from "../../src/components/browser/autoMeasures.js";
import {memoryStorage} from "../../src/components/browser/pageStorage.js";

/** Stands in for the training worker: records what the page posts, and says what a test makes it say. */
class FakeWorker {
  static last: FakeWorker;
  /** How many workers were started. */
  static started = 0;
  posted: {message: unknown; transfer: Transferable[]}[] = [];
  terminated = false;
  onmessage: ((event: {data: TrainEvent}) => void) | null = null;
  onerror: ((event: {message: string}) => void) | null = null;
  constructor(
    readonly url: string | URL,
    readonly options: WorkerOptions
  ) {
    FakeWorker.last = this;
    FakeWorker.started++;
  }
  postMessage(message: unknown, transfer: Transferable[] = []) {
    this.posted.push({message, transfer});
  }
  terminate() {
    this.terminated = true;
  }
  listeners = new Set<(event: {data: TrainEvent}) => void>();
  addEventListener(_: "message", listener: (event: {data: TrainEvent}) => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_: "message", listener: (event: {data: TrainEvent}) => void) {
    this.listeners.delete(listener);
  }
  say(...events: TrainEvent[]) {
    for (const data of events) {
      this.onmessage!({data});
      for (const listener of [...this.listeners]) listener({data});
    }
  }
}

const hyper = {factors: 8, bs: 64, epochs: 2, lrMax: 5e-3, wd: 0.1, seed: 1};
const options: TrainOptions = {ratingsUrl: "/ratings.bin", wasmUrls: {}, backend: "auto", hyper, myRatings: null};
const row = (epoch: number) => ({epoch, trainLoss: 1 - epoch / 10, validLoss: 1.1 - epoch / 10, seconds: 2});
const memory = {tensorBytes: 1, wasmHeapBytes: 2, tableBytes: 3};
const done = (over: Partial<Extract<TrainEvent, {type: "done"}>> = {}): TrainEvent => ({
  type: "done",
  history: [],
  checkpoint: new ArrayBuffer(8),
  stopped: false,
  diverged: false,
  seconds: 4,
  memory,
  myPredictions: null,
  myRatingsUsed: [],
  ranking: null,
  ranker: null,
  ...over
});

beforeEach(() => {
  vi.stubGlobal("Worker", FakeWorker);
  FakeWorker.started = 0;
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("createTrainingSession(workerUrl)", () => {
  it("starts idle, with no worker until the first run starts a module worker; Stop alone starts none", () => {
    const session = createTrainingSession("/worker.js");
    expect(session.state).toMatchObject({status: "idle", rows: [], checkpoint: null, backend: null});
    session.stop();
    expect(FakeWorker.started).toBe(0);
    void session.train(options);
    expect(FakeWorker.started).toBe(1);
    expect(FakeWorker.last.url).toBe("/worker.js");
    expect(FakeWorker.last.options).toEqual({type: "module"});
  });

  it("keeps its worker from run to run", async () => {
    const session = createTrainingSession("/worker.js");
    const first = session.train(options);
    FakeWorker.last.say(done());
    await first;
    void session.train(options);
    expect(FakeWorker.started).toBe(1);
    expect(FakeWorker.last.posted.filter((p) => (p.message as {type: string}).type === "train")).toHaveLength(2);
  });

  it(
    "posts a train request without the prior rows, transferring the checkpoint, " + "and shows the prior rows first",
    async () => {
      const session = createTrainingSession("/worker.js");
      const checkpoint = new ArrayBuffer(16);
      void session.train({...options, checkpoint, priorRows: [row(0)]});
      expect(FakeWorker.last.posted).toEqual([
        {message: {type: "train", ...options, checkpoint}, transfer: [checkpoint]}
      ]);
      expect(session.state).toMatchObject({status: "loading", text: "Starting…", rows: [row(0)], hyper});
      session.stop();
      expect(FakeWorker.last.posted[1]).toEqual({message: {type: "stop"}, transfer: []});
    }
  );

  it("folds the worker's events into the state, and resolves with the final state when the run is done", async () => {
    const session = createTrainingSession("/worker.js");
    const states: TrainingState[] = [];
    session.subscribe((s) => states.push(s));
    const finished = session.train(options);
    const worker = FakeWorker.last;
    const skipped = [{backend: "webgpu", why: "software", detail: "SwiftShader"}] as const;
    worker.say(
      {type: "status", text: "Loading ratings…"},
      {type: "note", text: "You rated 2 more movies."},
      {type: "backend", backend: "wasm", skipped: [...skipped]},
      {type: "data", rows: 100, users: 5, movies: 7, myRatings: 0, skipped: 0},
      {type: "batch", epoch: 0, batch: 1, batches: 4, loss: 1.2, ratingsPerSecond: null, etaSeconds: null},
      {type: "epoch", row: row(0)},
      {type: "batch", epoch: 1, batch: 2, batches: 4, loss: 0.9, ratingsPerSecond: 50, etaSeconds: 1}
    );
    expect(session.state).toMatchObject({
      status: "training",
      text: "Loading ratings…",
      notes: ["You rated 2 more movies."],
      backend: "wasm",
      skipped,
      data: {rows: 100, users: 5},
      progress: {epoch: 1, batch: 2},
      rows: [row(0)],
      batchLosses: [
        {x: 0.25, loss: 1.2},
        {x: 1.5, loss: 0.9}
      ]
    });
    const checkpoint = new ArrayBuffer(8);
    worker.say(
      {type: "epoch", row: row(1)},
      done({checkpoint, myPredictions: Float32Array.of(4), myRatingsUsed: [{movieId: 1, rating: 5, timestamp: 9}]})
    );
    const final = await finished;
    expect(final).toBe(session.state);
    expect(final).toMatchObject({
      status: "done",
      text: "Done.",
      checkpoint,
      seconds: 4,
      memory,
      myPredictions: Float32Array.of(4),
      myRatingsUsed: [{movieId: 1, rating: 5, timestamp: 9}],
      rows: [row(0), row(1)]
    });
    expect(states[0].status).toBe("idle");
    expect(states.at(-1)).toBe(final);
    expect(states).toHaveLength(1 + 1 + 9); // subscribing, starting, and one state per event
  });

  it("keeps the last 2001 batch losses for the live chart", () => {
    const session = createTrainingSession("/worker.js");
    void session.train(options);
    for (let batch = 0; batch < 2100; ++batch)
      FakeWorker.last.say({
        type: "batch",
        epoch: 0,
        batch,
        batches: 2100,
        loss: batch,
        ratingsPerSecond: null,
        etaSeconds: null
      });
    expect(session.state.batchLosses).toHaveLength(2001);
    expect(session.state.batchLosses[0].loss).toBe(99);
  });

  it("ends a stopped run as stopped, with its model", async () => {
    const session = createTrainingSession("/worker.js");
    const finished = session.train(options);
    FakeWorker.last.say({type: "epoch", row: row(0)}, done({stopped: true}));
    expect(await finished).toMatchObject({status: "stopped", text: "Stopped.", rows: [row(0)]});
  });

  it(
    "hears the moment training ends (trained): onTrained gets the run's checkpoint and history once, while the " +
      "ranking still runs",
    async () => {
      const session = createTrainingSession("/worker.js");
      const heard: TrainingState[] = [];
      const finished = session.train(options, {onTrained: (state) => heard.push(state)});
      const checkpoint = new ArrayBuffer(8);
      const {
        ranking: _r,
        ranker: _k,
        type: _t,
        ...run
      } = done({history: [row(0)], checkpoint, stopped: true}) as Extract<TrainEvent, {type: "done"}>;
      FakeWorker.last.say(
        {type: "epoch", row: row(0)},
        {type: "status", text: "Saving the model…", finishing: true},
        {type: "trained", ...run}
      );
      expect(heard).toHaveLength(1);
      expect(heard[0]).toMatchObject({status: "finishing", trained: true, checkpoint, rows: [row(0)], stopping: true});
      expect(heard[0].ranking).toBeNull();
      session.markKept("kept");
      expect(session.state.kept).toBe("kept");
      FakeWorker.last.say(done({history: [row(0)], checkpoint, stopped: true}));
      expect(await finished).toMatchObject({status: "stopped", kept: "kept", trained: true});
      expect(heard).toHaveLength(1);
      // The next run starts with nothing kept or trained.
      void session.train(options);
      expect(session.state).toMatchObject({kept: null, trained: false, stopping: false});
    }
  );

  it("says Stop was asked until the run ends, and then whether Stop ended it", async () => {
    const session = createTrainingSession("/worker.js");
    const finished = session.train(options);
    FakeWorker.last.say({
      type: "batch",
      epoch: 0,
      batch: 1,
      batches: 2,
      loss: 1,
      ratingsPerSecond: null,
      etaSeconds: null
    });
    session.stop();
    expect(session.state).toMatchObject({status: "training", stopping: true});
    // Stop came after the last batch: the run was not stopped by it.
    FakeWorker.last.say(done({history: [row(0)]}));
    expect(await finished).toMatchObject({status: "done", stopping: false});
  });

  it(
    "notices a worker that ends without a word (its Web Lock is released): the run ends in words, " +
      "and the next run starts on a new worker",
    async () => {
      const granted = new Map<string, () => unknown>();
      const locks = {request: (name: string, grant: () => unknown) => (granted.set(name, grant), Promise.resolve())};
      const session = createTrainingSession("/worker.js", {locks} as never);
      const run = session.train(options);
      const first = FakeWorker.last;
      const watch = first.posted[0].message as {type: string; lock: string};
      expect(watch.type).toBe("watch");
      expect(granted.size).toBe(0); // asked only once the worker holds it
      first.say({type: "watching"});
      first.say({type: "epoch", row: row(0)});
      vi.spyOn(console, "error").mockImplementation(() => {});
      granted.get(watch.lock)!(); // the worker is gone: its lock comes to the page
      const final = await run;
      expect(final.status).toBe("error");
      expect(final.error).toBe(
        "The training worker stopped without a word (browsers end a worker that runs out of memory this way), so " +
          "this run was lost. Train again: it starts on a new worker."
      );
      expect(first.terminated).toBe(true);
      void session.train(options);
      expect(FakeWorker.last).not.toBe(first);
      expect(FakeWorker.last.posted.at(-1)!.message).toMatchObject({type: "train"});
      expect(first.posted.filter((p) => (p.message as {type: string}).type === "train")).toHaveLength(1);
    }
  );

  it("starts a new worker after a run whose GPU device was lost, for the next run to get a new device", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const session = createTrainingSession("/worker.js");
    const run = session.train(options);
    const first = FakeWorker.last;
    first.say({type: "error", message: "The GPU stopped working during training.", restart: true});
    expect((await run).error).toBe("The GPU stopped working during training.");
    expect(first.terminated).toBe(true);
    void session.train(options);
    expect(FakeWorker.last).not.toBe(first);
    expect(FakeWorker.started).toBe(2);
  });

  it("refuses a second run while one is in progress, and starts a new one after, keeping the backend", async () => {
    const session = createTrainingSession("/worker.js");
    const first = session.train(options);
    await expect(session.train(options)).rejects.toThrow("A run is already in progress.");
    FakeWorker.last.say(
      {type: "backend", backend: "cpu", skipped: []},
      {type: "note", text: "n"},
      {type: "epoch", row: row(0)}
    );
    await expect(session.train(options)).rejects.toThrow("A run is already in progress.");
    FakeWorker.last.say(done());
    await first;
    void session.train(options);
    expect(session.state).toMatchObject({
      status: "loading",
      backend: "cpu",
      skipped: [],
      rows: [],
      notes: [],
      checkpoint: null
    });
    expect(FakeWorker.last.posted.filter((p) => (p.message as {type: string}).type === "train")).toHaveLength(2);
  });

  it("keeps what auto measured for this run, and forgets it when the next run starts", async () => {
    const session = createTrainingSession("/worker.js");
    const first = session.train(options);
    const timings = [
      {backend: "wasm", ratingsPerSecond: 4e5, steps: 400, ratings: 102_400, seconds: 0.3, software: null}
    ] as const;
    FakeWorker.last.say({
      type: "backend",
      backend: "wasm",
      skipped: [],
      timings: [...timings],
      calibrationSeconds: 0.9
    });
    expect(session.state).toMatchObject({backend: "wasm", timings, calibrationSeconds: 0.9});
    FakeWorker.last.say(done());
    await first;
    void session.train({...options, backend: "wasm"});
    expect(session.state).toMatchObject({status: "loading", backend: "wasm", timings: null, calibrationSeconds: null});
    // A backend asked for by name is never measured.
    FakeWorker.last.say({type: "backend", backend: "cpu", skipped: []});
    expect(session.state).toMatchObject({backend: "cpu", timings: null, calibrationSeconds: null});
  });

  it("keeps a fresh measure for the visit and sends it with the next auto run, not with a named one", async () => {
    vi.stubGlobal("sessionStorage", memoryStorage());
    try {
      const session = createTrainingSession("/worker.js");
      const first = session.train(options);
      expect(FakeWorker.last.posted.at(-1)!.message).not.toHaveProperty("measured");
      const timings = [
        {backend: "wasm" as const, ratingsPerSecond: 4e5, steps: 4, ratings: 256, seconds: 0.3, software: null}
      ];
      const measure = {
        shape: "61 users × 40 movies, 8 factors, batch size 64",
        backend: "wasm" as const,
        skipped: [],
        timings,
        calibrationSeconds: 0.9,
        measuredAt: 5
      };
      FakeWorker.last.say({type: "backend", ...measure});
      expect(session.state).toMatchObject({measuredAt: 5, measureKept: false});
      FakeWorker.last.say(done());
      await first;
      expect(recallAutoMeasures()).toEqual([measure]);
      const second = session.train(options);
      expect(FakeWorker.last.posted.at(-1)!.message).toMatchObject({type: "train", measured: [measure]});
      // The worker kept it: said so, and not stored again.
      FakeWorker.last.say({type: "backend", ...measure, measuredAt: 5, kept: true});
      expect(session.state).toMatchObject({measuredAt: 5, measureKept: true});
      FakeWorker.last.say(done());
      await second;
      void session.train({...options, backend: "wasm"});
      expect(FakeWorker.last.posted.at(-1)!.message).not.toHaveProperty("measured");
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("ends with the worker's error, said on the console; a run refused before training shows no epochs", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const session = createTrainingSession("/worker.js");
    const refused = session.train({...options, priorRows: [row(0)]});
    FakeWorker.last.say({type: "error", message: "This checkpoint was trained on another dataset."});
    expect(await refused).toMatchObject({
      status: "error",
      error: "This checkpoint was trained on another dataset.",
      text: "This checkpoint was trained on another dataset.",
      rows: []
    });
    const failed = session.train({...options, priorRows: [row(0)]});
    FakeWorker.last.say(
      {type: "batch", epoch: 1, batch: 0, batches: 2, loss: 1, ratingsPerSecond: null, etaSeconds: null},
      {type: "error", message: "Out of memory."}
    );
    expect(await failed).toMatchObject({status: "error", rows: [row(0)]});
    expect(error.mock.calls).toEqual([
      ["Training failed: This checkpoint was trained on another dataset."],
      ["Training failed: Out of memory."]
    ]);
  });

  it("ends the run when the worker itself fails", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const session = createTrainingSession("/worker.js");
    const run = session.train(options);
    FakeWorker.last.onerror!({message: ""});
    expect(await run).toMatchObject({status: "error", error: "The training worker failed: it could not start."});
    FakeWorker.last.onerror!({message: "SyntaxError: x"});
    expect(session.state.error).toBe("The training worker failed: SyntaxError: x.");
    expect(error).toHaveBeenCalledTimes(2);
  });

  it("stops telling a listener once it unsubscribes, and terminates the worker", () => {
    const session = createTrainingSession("/worker.js");
    void session.train(options);
    const states: string[] = [];
    const unsubscribe = session.subscribe((s) => states.push(s.text));
    FakeWorker.last.say({type: "status", text: "a"});
    unsubscribe();
    FakeWorker.last.say({type: "status", text: "b"});
    session.subscribe((s) => states.push(`late ${s.text}`));
    session.terminate();
    FakeWorker.last.say({type: "status", text: "c"});
    expect(states).toEqual(["Starting…", "a", "late b"]);
    expect(FakeWorker.last.terminated).toBe(true);
  });
});

describe("runInProgress(status) and canStop(status)", () => {
  it("is true while a run starts, trains or finishes, false once it ended or before any", () => {
    expect(
      (["idle", "loading", "training", "finishing", "done", "stopped", "error"] as const).map(runInProgress)
    ).toEqual([false, true, true, true, false, false, false]);
  });
  it(
    "lets Stop act while a run starts or trains, not while it finishes (the worker " +
      "saves and ranks the model in one go)",
    () => {
      expect((["idle", "loading", "training", "finishing", "done", "stopped", "error"] as const).map(canStop)).toEqual([
        false,
        true,
        true,
        false,
        false,
        false,
        false
      ]);
    }
  );
});

describe("a run's last phases", () => {
  it(
    "shows the worker's finishing status (saving, then ranking) as its own state, " + "and a diverged run as diverged",
    async () => {
      const session = createTrainingSession("/worker.js");
      const ended = session.train(options);
      FakeWorker.last.say({type: "status", text: "Training…"});
      expect(session.state.status).toBe("loading");
      FakeWorker.last.say({type: "status", text: "Ranking every movie…", finishing: true});
      expect(session.state).toMatchObject({status: "finishing", text: "Ranking every movie…"});
      await expect(session.train(options)).rejects.toThrow(/already in progress/);
      FakeWorker.last.say(done({history: [row(0)], diverged: true}));
      expect(await ended).toMatchObject({status: "done", diverged: true});
    }
  );
});
