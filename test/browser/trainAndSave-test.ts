import {describe, expect, it, vi} from "vitest";
import {keptMessage, savedError, trainAndSave} from "../../src/components/browser/trainAndSave.js";
import type {TrainingSession, TrainingState, TrainOptions} from "../../src/components/browser/trainingSession.js";
import type {CheckpointInfo, RunRecord, WorkbookStore} from "../../src/components/browser/workbookStore.js";

const hyper = {factors: 2, bs: 64, epochs: 1, lrMax: 1e-2, wd: 0.1, seed: 42};
const row = {epoch: 0, trainLoss: 1, validLoss: 0.9, seconds: 1};

/** A session whose run ends in `status`, remembering what it was asked to train. */
function session(status: TrainingState["status"], asked: TrainOptions[] = []): TrainingSession {
  const final = {
    status,
    rows: status === "error" ? [] : [row],
    stopping: false,
    checkpoint: status === "error" ? null : new ArrayBuffer(8),
    backend: "wasm",
    seconds: 1,
    myPredictions: null,
    myRatingsUsed: []
  } as unknown as TrainingState;
  return {
    state: {status: "idle"},
    train: async (options: TrainOptions) => (asked.push(options), final),
    subscribe: () => () => {},
    markKept: () => {}
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

describe("trainAndSave(session, store, options)", () => {
  it(
    "trains what it is asked (without the record's names), " + "then keeps the run and its model as the latest",
    async () => {
      const asked: TrainOptions[] = [];
      const {s, kept} = store();
      const run = await trainAndSave(session("done", asked), s, {...request, name: "mine + 2", resumedFrom: "mine"});
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
    const run = await trainAndSave(session("stopped"), async () => s, request);
    expect(run!.info!.name).toBe("2 factors, bs 64, 1 epoch");
    expect(kept.closed).toBe(1);
  });

  it("resolves to null, keeping nothing, when the run ends in an error", async () => {
    const {s, kept} = store();
    expect(await trainAndSave(session("error"), s, request)).toBeNull();
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
        expect(await trainAndSave(busy, s, request)).toBeNull();
        expect(asked).toEqual([]);
        expect(kept.runs).toEqual([]);
      }
    }
  );

  it(
    "keeps the run the moment training ends, before its ranking, holds the page open until then, " +
      "and adds the ranking when it comes",
    async () => {
      const events: string[] = [];
      const {s, kept} = store();
      Object.assign(s, {
        addRanking: async (runId: number, savedAt: string | null, ranking: unknown, ranker: unknown) =>
          void events.push(
            `addRanking ${runId} ${savedAt === kept.latest[0].savedAt} ${JSON.stringify({ranking, ranker})}`
          )
      });
      const page = new EventTarget();
      const asksToLeave = () => {
        const event = new Event("beforeunload", {cancelable: true});
        page.dispatchEvent(event);
        return event.defaultPrevented;
      };
      vi.stubGlobal("addEventListener", page.addEventListener.bind(page));
      vi.stubGlobal("removeEventListener", page.removeEventListener.bind(page));
      const listeners = new Set<(state: TrainingState) => void>();
      let state = {status: "idle", rows: [], stopping: false} as unknown as TrainingState;
      const set = (over: Partial<TrainingState>) => {
        state = {...state, ...over};
        for (const l of listeners) l(state);
      };
      let finish!: () => void;
      const marks: string[] = [];
      const fake = {
        get state() {
          return state;
        },
        subscribe: (l: (state: TrainingState) => void) => (listeners.add(l), l(state), () => listeners.delete(l)),
        markKept: (k: string) => void marks.push(k),
        train: (_: TrainOptions, {onTrained}: {onTrained?: (state: TrainingState) => void} = {}) => {
          set({status: "training"});
          return new Promise<TrainingState>((resolve) => {
            finish = () => {
              set({status: "finishing", rows: [row]});
              events.push(`finishing, asks to leave: ${asksToLeave()}`);
              set({trained: true, checkpoint: new ArrayBuffer(8), backend: "wasm", ranking: null, ranker: null});
              onTrained!(state);
              setTimeout(() => {
                events.push(`ranked, asks to leave: ${asksToLeave()}`);
                set({status: "done", ranking: {model: {users: 1}} as never, ranker: null});
                resolve(state);
              }, 10);
            };
          });
        }
      } as unknown as TrainingSession;
      const running = trainAndSave(fake, s, {
        ...request,
        onKept: (info) => void events.push(`kept ${info!.name}`),
        onRanked: () => void events.push("ranked and kept")
      });
      expect(asksToLeave()).toBe(false); // training: leaving abandons the run, and asks nothing
      finish();
      const run = await running;
      expect(events).toEqual([
        "finishing, asks to leave: true",
        "kept 2 factors, bs 64, 1 epoch",
        "ranked, asks to leave: false",
        `addRanking 1 true ${JSON.stringify({ranking: {model: {users: 1}}, ranker: null})}`,
        "ranked and kept"
      ]);
      expect(kept.runs).toMatchObject([{ranking: null, stopped: false}]);
      expect(run!.info!.ranking).toEqual({model: {users: 1}});
      expect(marks).toEqual(["kept"]);
      expect(asksToLeave()).toBe(false);
      vi.unstubAllGlobals();
    }
  );

  it("returns the store's error, to put in words, when keeping the run fails", async () => {
    const full = new Error("The browser's storage is full.");
    const {s, kept} = store(full);
    const run = await trainAndSave(session("done"), async () => s, request);
    expect(run).toMatchObject({info: null, error: full});
    expect(kept.closed).toBe(1);
    const unopened = await trainAndSave(
      session("done"),
      () => Promise.reject(new Error("IndexedDB is blocked")),
      request
    );
    expect(unopened!.error!.message).toBe("IndexedDB is blocked");
  });
});

describe("keptMessage(info, problem) and savedError(run)", () => {
  it("say what was kept, and where: saved, or in this page only, and whether the model became the latest", () => {
    const info = {name: "n"} as CheckpointInfo;
    expect(keptMessage(info, null)).toBe("Saved this run to the run history, and its model as the latest model.");
    expect(keptMessage(info, null, true)).toBe(
      "Saved this run to the run history, and its model as the latest model. Its ranking measures are kept with it."
    );
    expect(keptMessage(null, "blocked")).toBe(
      "Kept this run in this page's run history until you leave the page (see the note above). It diverged, so its " +
        "model did not replace the latest model: Recommendations keep using the one before."
    );
    const error = new Error("The browser's storage for this site is full.");
    expect(savedError({info: null, error})).toBe(
      "Could not save this run: The browser's storage for this site is full."
    );
    expect(savedError({info, error})).toBe(
      "Saved this run, but not its ranking measures: The browser's storage for this site is full."
    );
  });
});
