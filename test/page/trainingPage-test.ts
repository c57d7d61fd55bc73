// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {TrainingSession, TrainingState} from "../../src/components/browser/trainingSession.js";
import {RunViews, trainingPage} from "../../src/components/page/trainingPage.js";

const file = (name: string) => () => ({name, json: async () => null, url: async () => `/_file/${name}`});
const files = {
  trainWorker: file("trainWorker.js"),
  wasm: () => ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm"].map((name) => file(name)())
};
const data = {ratingsUrl: "blob:ratings", summary: {catalogue: "cat", dataset: {name: "Synthetic"}}} as never;

describe("trainingPage(data, invalidation, files, start)", () => {
  it("starts the worker, ends it with the page's cell, names what runs train on, and follows its states", async () => {
    const started: string[] = [];
    let terminated = 0;
    const session = {
      terminate: () => void terminated++,
      subscribe: () => () => {}
    } as unknown as TrainingSession;
    let end!: () => void;
    const invalidation = new Promise<void>((resolve) => (end = resolve));
    const page = await trainingPage(data, invalidation, files, (url) => (started.push(url), session));
    expect(started).toEqual(["/_file/trainWorker.js"]);
    expect(page.session).toBe(session);
    expect(page.trainingData).toEqual({
      ratingsUrl: "blob:ratings",
      wasmUrls: {
        "tfjs-backend-wasm.wasm": "/_file/tfjs-backend-wasm.wasm",
        "tfjs-backend-wasm-simd.wasm": "/_file/tfjs-backend-wasm-simd.wasm"
      },
      dataset: {catalogue: "cat", name: "Synthetic"}
    });
    // The session's states, as its subscribers hear them.
    const heard: unknown[] = [];
    (session as {subscribe: unknown}).subscribe = (listener: (state: unknown) => void) => {
      listener({status: "idle"});
      return () => void heard.push("unsubscribed");
    };
    expect(await page.states.next()).toEqual({done: false, value: {status: "idle"}});
    await page.states.return(undefined);
    expect(heard).toEqual(["unsubscribed"]);
    expect(terminated).toBe(0);
    end();
    await invalidation;
    await Promise.resolve();
    expect(terminated).toBe(1);
  });
});

describe("RunViews(state, {width, synthetic, settingsEpochs})", () => {
  const state = (over: Partial<TrainingState>) =>
    ({
      status: "idle",
      text: "",
      notes: [],
      skipped: [],
      rows: [],
      batchLosses: [],
      ranking: null,
      ...over
    }) as TrainingState;
  it("shows the run's progress, its loss chart with the synthetic set's references, and the epoch table", () => {
    const root = RunViews(state({}), {width: 640, synthetic: {noiseFloorMse: 0.5, oracleMse: 0.6}, settingsEpochs: 3});
    expect(root.querySelector(".training-progress")).not.toBeNull();
    expect(root.querySelector("table.epoch-table")).not.toBeNull();
    expect(root.textContent).toContain("noise floor");
    expect(root.textContent).toContain("oracle");
    expect(RunViews(state({}), {width: 640}).textContent).not.toContain("noise floor");
    // Where the page shows the progress in a cell of its own.
    expect(RunViews(state({}), {width: 640, progress: false}).querySelector(".training-progress")).toBeNull();
  });

  it("shows no ranking while a run trains", () => {
    const ranking = {} as TrainingState["ranking"];
    expect(RunViews(state({status: "training", ranking}), {width: 640}).lastElementChild!.childElementCount).toBe(0);
  });
});
