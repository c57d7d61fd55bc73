import {describe, expect, it} from "vitest";
import {
  NOTEBOOK_GRID,
  bestPoint,
  checkGrid,
  createExperimentGrid,
  gridPoint,
  gridSummary
} from "../../src/components/browser/experimentGrid.js";
import type {GridPoint, GridState} from "../../src/components/browser/experimentGrid.js";
import type {TrainingSession, TrainingState, TrainOptions} from "../../src/components/browser/trainingSession.js";
import type {RunRecord, WorkbookStore} from "../../src/components/browser/workbookStore.js";
import type {TrainHyper} from "../../src/components/engine/trainProtocol.js";

const base = {lrMax: 1e-2, wd: 0.1, seed: 42};
const dims = {users: 1000, movies: 500};
const hyper = (factors: number, bs = 256, epochs = 1): TrainHyper => ({factors, bs, epochs, ...base});

/**
 * A fake session: each run ends as `outcome(i)` says after the test calls `finish()`; it records what it was asked and
 * how often it was stopped. A stop makes the run in progress end "stopped".
 */
function fakeSession(outcome: (i: number) => "done" | "error" = () => "done") {
  const asked: TrainOptions[] = [];
  let stops = 0;
  let pending: ((final: TrainingState) => void) | null = null;
  let error: string | null = null;
  const end = (status: TrainingState["status"]) => {
    const h = asked.at(-1)!.hyper;
    const final = {
      status,
      rows: status === "error" ? [] : [{epoch: 0, trainLoss: 1, validLoss: 1 - h.factors / 1000, seconds: 1}],
      stopping: false,
      checkpoint: status === "error" ? null : new ArrayBuffer(8),
      backend: "wasm",
      seconds: h.factors / 10,
      myPredictions: null,
      myRatingsUsed: [],
      error: status === "error" ? "It broke." : null,
      ranking: h.factors === 7 ? {blended: {ndcg: 0.25}} : undefined
    } as unknown as TrainingState;
    error = final.error;
    const resolve = pending!;
    pending = null;
    resolve(final);
  };
  const session = {
    train: (options: TrainOptions) =>
      new Promise<TrainingState>((resolve) => (asked.push(options), (pending = resolve))),
    stop: () => void (++stops, pending && end("stopped")),
    subscribe: () => () => {},
    markKept: () => {},
    get state() {
      return {error} as TrainingState;
    }
  } as unknown as TrainingSession;
  // Lets the queue reach its next run (or its end), then ends the run in progress.
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const finish = async () => {
    await settle();
    if (pending) end(outcome(asked.length - 1));
    await settle();
  };
  return {session, asked, finish, stops: () => stops};
}

function fakeStore() {
  const runs: RunRecord[] = [];
  const store = {
    putRun: async (run: RunRecord) => (runs.push(run), runs.length),
    setLatest: async () => {},
    close: () => {}
  } as unknown as WorkbookStore;
  return {store, runs};
}

const request = () => ({
  ratingsUrl: "/ratings.bin",
  wasmUrls: {},
  backend: "wasm" as const,
  myRatings: null,
  dataset: {catalogue: "c", name: "Synthetic"}
});

describe("NOTEBOOK_GRID", () => {
  it("is the notebook's five runs: 20, 50 and 100 factors, batch sizes 256 and 64, 3 or 5 epochs", () => {
    expect(NOTEBOOK_GRID.map((r) => [r.factors, r.bs, r.epochs])).toEqual([
      [50, 256, 3],
      [20, 256, 3],
      [100, 256, 5],
      [50, 64, 3],
      [50, 256, 5]
    ]);
  });
});

describe("checkGrid(rows, base, dims)", () => {
  it("gives each row the page's other settings, checked by the Train page's rules", () => {
    expect(checkGrid(NOTEBOOK_GRID, base, dims)).toEqual({
      runs: NOTEBOOK_GRID.map((r) => ({...r, ...base})),
      errors: []
    });
    expect(checkGrid([{factors: "8", bs: 64, epochs: " 2 "}], base, dims).runs).toEqual([
      {factors: 8, bs: 64, epochs: 2, ...base}
    ]);
  });

  it("names each invalid row, and refuses an empty grid", () => {
    const {runs, errors} = checkGrid(
      [
        {factors: 20, bs: 256, epochs: 3},
        {factors: "2.5", bs: 64, epochs: ""}
      ],
      base,
      dims
    );
    expect(runs).toBeNull();
    expect(errors).toEqual([
      "Run 2: n_factors must be a whole number from 1 to 1,000; “2.5” is not.",
      "Run 2: Epochs is empty: type a whole number from 1 to 100."
    ]);
    expect(checkGrid([], base, dims)).toEqual({runs: null, errors: ["The grid is empty: add a run."]});
  });
});

describe("gridPoint(index, hyper, final) and bestPoint(points)", () => {
  const point = (index: number, validLoss: number | null, ndcg: number | null, stopped = false): GridPoint => ({
    index,
    hyper: hyper(index + 1),
    seconds: 1,
    validLoss,
    ndcg,
    stopped
  });

  it("reads the run's time, last valid loss and NDCG@10, null when the run reports no ranking", () => {
    const final = {
      status: "done",
      rows: [
        {epoch: 0, validLoss: 0.9},
        {epoch: 1, validLoss: 0.8}
      ],
      seconds: 12
    } as unknown as TrainingState;
    expect(gridPoint(3, hyper(20), final)).toEqual({
      index: 3,
      hyper: hyper(20),
      seconds: 12,
      validLoss: 0.8,
      ndcg: null,
      stopped: false
    });
    const ranked = {...final, status: "stopped", ranking: {blended: {ndcg: 0.31}}} as unknown as TrainingState;
    expect(gridPoint(0, hyper(20), ranked)).toMatchObject({ndcg: 0.31, stopped: true});
  });

  it("picks the lowest valid loss among finished runs, or the highest NDCG@10 when every one has it", () => {
    expect(
      bestPoint([point(0, 0.9, null), point(1, 0.7, null), point(2, 0.5, null, true), point(3, 0.7, null)])!.index
    ).toBe(1);
    expect(bestPoint([point(0, 0.9, 0.3), point(1, 0.7, 0.2)])!.index).toBe(0);
    expect(bestPoint([point(0, 0.9, 0.3), point(1, 0.7, null)])!.index).toBe(1);
    expect(bestPoint([point(0, NaN, null), point(1, null, null)])).toBeNull();
    expect(bestPoint([])).toBeNull();
  });
});

describe("createExperimentGrid(session, store)", () => {
  it(
    "trains the runs one after another, keeps each in the run history, " + "and adds a point as each one ends",
    async () => {
      const {session, asked, finish} = fakeSession();
      const {store, runs} = fakeStore();
      const grid = createExperimentGrid(session, store);
      const seen: GridState[] = [];
      grid.subscribe((s) => seen.push(s));
      const done = grid.run([hyper(7), hyper(20, 64, 2)], request);
      expect(grid.state).toMatchObject({status: "running", current: 0, points: []});
      await finish();
      expect(grid.state).toMatchObject({status: "running", current: 1});
      expect(grid.state.points).toEqual([
        {index: 0, hyper: hyper(7), seconds: 0.7, validLoss: 0.993, ndcg: 0.25, stopped: false}
      ]);
      await finish();
      expect(await done).toMatchObject({status: "done", current: null, error: null});
      expect(grid.state.points.map((p) => [p.index, p.ndcg])).toEqual([
        [0, 0.25],
        [1, null]
      ]);
      expect(asked.map((a) => a.hyper)).toEqual([hyper(7), hyper(20, 64, 2)]);
      expect(asked.every((a) => a.backend === "wasm" && a.ratingsUrl === "/ratings.bin")).toBe(true);
      expect(runs.map((r) => r.hyper)).toEqual([hyper(7), hyper(20, 64, 2)]);
      expect(seen[0].status).toBe("idle");
    }
  );

  it("stops the run in progress and the runs after it; the stopped run is still kept", async () => {
    const {session, asked, finish, stops} = fakeSession();
    const {store, runs} = fakeStore();
    const grid = createExperimentGrid(session, store);
    const done = grid.run([hyper(7), hyper(8), hyper(9)], request);
    await finish();
    await new Promise((r) => setTimeout(r, 0));
    grid.stop();
    expect(await done).toMatchObject({status: "stopped", current: null});
    expect(stops()).toBe(1);
    expect(asked).toHaveLength(2);
    expect(grid.state.points.map((p) => p.stopped)).toEqual([false, true]);
    expect(runs).toHaveLength(2);
    grid.stop(); // nothing to stop now
    expect(stops()).toBe(1);
  });

  it("ends with the session's error when a run fails, and starts nothing for a second grid meanwhile", async () => {
    const {session, finish} = fakeSession((i) => (i === 1 ? "error" : "done"));
    const grid = createExperimentGrid(session, fakeStore().store);
    const done = grid.run([hyper(7), hyper(8), hyper(9)], request);
    // A double click: no error, and the grid in progress is the one shown.
    const again = await grid.run([hyper(1)], request);
    expect(again).toMatchObject({status: "running", runs: [hyper(7), hyper(8), hyper(9)]});
    await finish();
    await finish();
    expect(await done).toMatchObject({status: "error", error: "It broke.", current: null});
    expect(grid.state.points).toHaveLength(1);
  });

  it("checks what is stored now first: a reason refuses the grid, training nothing; a double click waits", async () => {
    const {session, asked} = fakeSession();
    const grid = createExperimentGrid(session, fakeStore().store);
    let answer!: (reason: string | null) => void;
    const check = () => new Promise<string | null>((resolve) => (answer = resolve));
    const refused = grid.run([hyper(7)], request, {check});
    expect((await grid.run([hyper(1)], request)).status).toBe("running");
    answer("This page shows A, but another tab has since loaded B.");
    expect(await refused).toMatchObject({
      status: "refused",
      error: "This page shows A, but another tab has since loaded B."
    });
    expect(asked).toEqual([]);
    expect(gridSummary(grid.state)).toBe(
      "The grid did not run: This page shows A, but another tab has since loaded B."
    );
  });
});

describe("gridSummary(state)", () => {
  it("says which run trains, or how the grid ended", () => {
    const p = {index: 0, hyper: hyper(7), seconds: 1, validLoss: 0.9, ndcg: null, stopped: false};
    const at = (
      status: GridState["status"],
      points: GridPoint[],
      current: number | null = null,
      error: string | null = null
    ): GridState => ({status, runs: [hyper(7), hyper(8)], current, points, error});
    expect(gridSummary({status: "idle", runs: [], current: null, points: [], error: null})).toBe(
      "No grid has run yet on this page."
    );
    expect(gridSummary(at("running", [p], 1))).toBe("Training run 2 of 2; 1 run finished.");
    // Run 1 is kept, and run 2 has not started yet: the line never says a run trains that has finished.
    expect(gridSummary(at("running", [p], 0))).toBe("Training run 1 of 2; 0 runs finished.");
    expect(gridSummary(at("done", [p, {...p, index: 1}]))).toBe(
      "Done: 2 runs, each kept in the run history (see Compare models)."
    );
    expect(gridSummary(at("stopped", [{...p, stopped: true}]))).toBe(
      "Stopped after 1 run of 2; the stopped run is kept too."
    );
    // Stop as run 1 ended: no run was stopped, and the line says so (a walk-through read "the stopped run" of a run
    // that had finished all its epochs).
    expect(gridSummary(at("stopped", [p]))).toBe(
      "Stopped after 1 run of 2: the last had finished before Stop took effect, and the rest did not run."
    );
    expect(gridSummary(at("stopped", []))).toBe("Stopped before any of the 2 runs was kept.");
    expect(gridSummary(at("error", [], null, "It broke."))).toBe("The grid ended early after 0 runs: It broke.");
  });
});
