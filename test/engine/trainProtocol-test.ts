import {describe, expectTypeOf, it} from "vitest";
import type {
  BackendName,
  BackendTiming,
  TrainEvent,
  TrainHyper,
  TrainRequest
} from "../../src/components/engine/trainProtocol.js";
import type {MyRating} from "../../src/components/movielens/myRatingsFile.js";

// trainProtocol.ts holds only types: the messages between a page and the training worker. These checks run in
// `tsc --noEmit` (npm test's first step): a change to the protocol that a page or the
// worker does not expect fails here.
describe("trainProtocol (types only)", () => {
  it("a page sends train or stop, and asks the worker to hold a lock for its life (watch)", () => {
    expectTypeOf<TrainRequest["type"]>().toEqualTypeOf<"train" | "stop" | "watch">();
    expectTypeOf<Extract<TrainRequest, {type: "train"}>["backend"]>().toEqualTypeOf<BackendName | "auto">();
    expectTypeOf<Extract<TrainRequest, {type: "train"}>["myRatings"]>().toEqualTypeOf<MyRating[] | null>();
    expectTypeOf<keyof TrainHyper>().toEqualTypeOf<"factors" | "bs" | "epochs" | "lrMax" | "wd" | "seed" | "split">();
  });

  it("the worker answers with these events, and a run ends in done or error", () => {
    expectTypeOf<TrainEvent["type"]>().toEqualTypeOf<
      "status" | "note" | "backend" | "data" | "batch" | "epoch" | "trained" | "done" | "error" | "watching"
    >();
    // "trained" carries the run as the page keeps it, all of "done" but the ranking, which comes after.
    expectTypeOf<Omit<Extract<TrainEvent, {type: "done"}>, "type" | "ranking" | "ranker">>().toEqualTypeOf<
      Omit<Extract<TrainEvent, {type: "trained"}>, "type">
    >();
    expectTypeOf<Extract<TrainEvent, {type: "done"}>["checkpoint"]>().toEqualTypeOf<ArrayBuffer>();
    expectTypeOf<Extract<TrainEvent, {type: "done"}>["myPredictions"]>().toEqualTypeOf<Float32Array | null>();
    expectTypeOf<Extract<TrainEvent, {type: "batch"}>["etaSeconds"]>().toEqualTypeOf<number | null>();
    // "auto" says what it measured; a backend asked for by name says nothing of the kind.
    expectTypeOf<Extract<TrainEvent, {type: "backend"}>["timings"]>().toEqualTypeOf<BackendTiming[] | undefined>();
    expectTypeOf<BackendTiming["backend"]>().toEqualTypeOf<BackendName>();
  });

  it("names only the backends the engine can start", () => {
    expectTypeOf<BackendName>().toEqualTypeOf<"webgpu" | "webgl" | "wasm" | "cpu">();
  });
});
