import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import type {TrainRequest} from "../../src/components/engine/trainProtocol.js";

// The worker shell only wires messages to serveTrainRequest, which serveTrainRequest-test.ts tests.
const runs: Array<{
  request: TrainRequest;
  post: (e: unknown, transfer?: Transferable[]) => void;
  signal: AbortSignal;
  cache: unknown;
  finish: () => void;
}> = [];
vi.mock("../../src/components/engine/serveTrainRequest.js", () => ({
  trainCache: () => ({the: "cache"}),
  serveTrainRequest: (
    request: TrainRequest,
    post: (e: unknown) => void,
    {signal, cache}: {signal: AbortSignal; cache: unknown}
  ) => new Promise<void>((finish) => runs.push({request, post, signal, cache, finish}))
}));

const posted: Array<[unknown, Transferable[]]> = [];
const scope = {
  onmessage: null as null | ((event: {data: TrainRequest}) => void),
  postMessage: (e: unknown, transfer: Transferable[]) => posted.push([e, transfer])
};

beforeEach(async () => {
  runs.length = posted.length = 0;
  vi.stubGlobal("self", scope);
  vi.resetModules();
  await import("../../src/components/engine/trainWorker.js");
});
afterEach(() => vi.unstubAllGlobals());

const train = {
  type: "train",
  ratingsUrl: "data:,",
  wasmUrls: {},
  backend: "cpu",
  hyper: {factors: 2, bs: 4, epochs: 1, lrMax: 0.01, wd: 0.1, seed: 1},
  myRatings: null
} as const satisfies TrainRequest;
const send = (data: TrainRequest) => scope.onmessage!({data});

describe("trainWorker (the Web Worker's shell)", () => {
  it("runs each train request with one cache for the worker's life, and posts what the run posts", () => {
    send(train);
    expect(runs).toHaveLength(1);
    expect(runs[0].request).toBe(train);
    const buffer = new ArrayBuffer(8);
    runs[0].post({type: "status", text: "hi"}, [buffer]);
    runs[0].post({type: "note", text: "no transfer"});
    expect(posted).toEqual([
      [{type: "status", text: "hi"}, [buffer]],
      [{type: "note", text: "no transfer"}, []]
    ]);
    send(train);
    expect(runs[1].cache).toBe(runs[0].cache);
  });

  it("stop aborts the run in progress only", async () => {
    send({type: "stop"}); // nothing runs: nothing to abort, and no error
    send(train);
    const first = runs[0];
    send({type: "stop"});
    expect(first.signal.aborted).toBe(true);
    first.finish();
    await new Promise((done) => setTimeout(done, 0));
    send(train);
    expect(runs[1].signal.aborted).toBe(false);
    // A finished run's end does not forget a later one: stop still reaches the run in progress.
    send({type: "stop"});
    expect(runs[1].signal.aborted).toBe(true);
  });
});
