import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {serveTrainRequest, trainCache} from "../../src/components/engine/serveTrainRequest.js";
import type {TrainCache} from "../../src/components/engine/serveTrainRequest.js";
import type {TrainEvent, TrainRequest} from "../../src/components/engine/trainProtocol.js";
import {modelWeights} from "../../src/components/model/modelWeights.js";
import {decodeCheckpoint} from "../../src/components/model/checkpointFormat.js";
import {encodeRatingsFile} from "../../src/components/movielens/ratingsFile.js";
import {indexRatings} from "../../src/components/movielens/indexRatings.js";
import {synthTable} from "../support/synthTable.js";
import {WASM_PATH, useBackend} from "../support/tf.js";

const {table, data} = synthTable({users: 60, movies: 40, ratings: 1200, seed: 5});
// The worker fetches its ratings by URL; Node's fetch reads a data: URL, so no server is needed.
const ratingsUrl = `data:application/octet-stream;base64,${Buffer.from(encodeRatingsFile(table)).toString("base64")}`;
const mine = [
  {movieId: table.movieIds[0], rating: 5, timestamp: 1},
  {movieId: table.movieIds[3], rating: 1, timestamp: 2}
];
// The page sends a URL for each of the wasm backend's binaries (src/data/trainWorker.js.ts bundles them).
const wasmUrls = Object.fromEntries(
  ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"].map((f) => [
    f,
    WASM_PATH + f
  ])
);
const request = (
  over: Partial<Extract<TrainRequest, {type: "train"}>> = {}
): Extract<TrainRequest, {type: "train"}> => ({
  type: "train",
  ratingsUrl,
  wasmUrls,
  backend: "cpu",
  hyper: {factors: 4, bs: 64, epochs: 2, lrMax: 1e-2, wd: 0.1, seed: 7},
  myRatings: mine,
  ...over
});

async function run(
  r: Extract<TrainRequest, {type: "train"}>,
  options: {cache?: TrainCache; onEvent?: (e: TrainEvent) => void; signal?: AbortSignal} = {}
) {
  const posted: {event: TrainEvent; transfer?: Transferable[]}[] = [];
  await serveTrainRequest(r, (event, transfer) => (posted.push({event, transfer}), options.onEvent?.(event)), options);
  return posted;
}

beforeAll(() => useBackend("cpu"));

describe("serveTrainRequest(request, post, {signal, cache})", () => {
  it(
    "posts the data, the backend, progress and one row per epoch, " + "then the checkpoint and my predictions",
    async () => {
      const before = tf.memory().numTensors;
      const posted = await run(request());
      const types = posted.map((p) => p.event.type);
      expect(types.slice(0, 4)).toEqual(["status", "data", "backend", "status"]);
      expect(posted[1].event).toEqual({
        type: "data",
        rows: table.rating2.length + 2,
        users: 61,
        movies: 40,
        myRatings: 2,
        skipped: 0
      });
      expect(posted[2].event).toEqual({type: "backend", backend: "cpu", skipped: []});
      // Each epoch's last batch is always reported, before its row.
      const batches = posted
        .filter((p) => p.event.type === "batch")
        .map((p) => p.event as Extract<TrainEvent, {type: "batch"}>);
      expect(batches.length).toBeGreaterThanOrEqual(2);
      expect(batches.filter((b) => b.batch === b.batches).map((b) => b.epoch)).toEqual([0, 1]);
      const rows = posted
        .filter((p) => p.event.type === "epoch")
        .map((p) => (p.event as Extract<TrainEvent, {type: "epoch"}>).row);
      expect(rows.map((r) => r.epoch)).toEqual([0, 1]);
      const last = posted.at(-1)!;
      expect(last.event.type).toBe("done");
      if (last.event.type !== "done") return;
      const done = last.event;
      expect(done.history).toEqual(rows);
      expect(done.stopped).toBe(false);
      // "Diverged" is what the run's note says: this tiny run ends no better than predicting the mean rating.
      const noted = posted.some((p) => p.event.type === "note" && p.event.text.startsWith("This run diverged"));
      expect(done.diverged).toBe(noted);
      // Saving the model, fitting iALS epoch by epoch and ranking are announced as the run's finishing phase, after
      // the last epoch; the ranking says how far it is.
      const finishing = posted
        .filter((p) => p.event.type === "status" && p.event.finishing)
        .map((p) => (p.event as {text: string}).text);
      const ranking = "Ranking every movie for held-out users, against three baselines";
      expect(finishing.filter((text) => !text.startsWith(`${ranking}:`))).toEqual([
        "Saving the model…",
        ...[1, 2, 3, 4, 5, 6, 7, 8].map((e) => `Fitting the ranking model (iALS): epoch ${e} of 8…`),
        `${ranking}…`
      ]);
      for (const text of finishing.filter((text) => text.startsWith(`${ranking}:`)))
        expect(text).toMatch(/: (\d|[1-9]\d|100)%$/);
      const lastEpoch = posted.map((p) => p.event.type).lastIndexOf("epoch");
      expect(posted.findIndex((p) => p.event.type === "status" && p.event.finishing)).toBeGreaterThan(lastEpoch);
      // The iALS model's movies' side comes with the checkpoint, both moved, not copied.
      expect(done.ranker!.movieFactors.length).toBe(40 * done.ranker!.factors);
      expect(last.transfer).toEqual([done.checkpoint, done.ranker!.movieFactors.buffer]);
      expect(done.ranking!.ials!.users).toBe(done.ranking!.model.users);
      expect(done.ranking!.choice!.chosenOn + done.ranking!.choice!.reportedOn).toBe(done.ranking!.model.users);
      const weights = modelWeights(done.checkpoint);
      expect(weights).toMatchObject({users: 61, movies: 40, factors: 4, wd: 0.1});
      expect(done.myPredictions).toBeInstanceOf(Float32Array);
      expect(done.myPredictions!.length).toBe(40);
      for (const p of done.myPredictions!) expect(p > 0.5 && p < 5.5).toBe(true);
      expect(done.myRatingsUsed).toEqual(mine.map((r) => ({...r, timestamp: 0})));
      // The run as the page keeps it comes first, the moment training ends: before iALS is fitted and the ranking runs,
      // with all of "done" but the ranking, its checkpoint a copy of the same bytes.
      const trainedAt = posted.findIndex((p) => p.event.type === "trained");
      const fittingAt = posted.findIndex((p) => p.event.type === "status" && p.event.text.startsWith("Fitting"));
      expect(trainedAt).toBeGreaterThan(lastEpoch);
      expect(trainedAt).toBeLessThan(fittingAt);
      const trained = posted[trainedAt].event as Extract<TrainEvent, {type: "trained"}>;
      const {ranking: _r, ranker: _k, seconds: _s, checkpoint, type: _t, ...rest} = done;
      expect(trained).toMatchObject({...rest, type: "trained"});
      expect(trained.seconds).toBeLessThanOrEqual(done.seconds);
      expect(new Uint8Array(trained.checkpoint)).toEqual(new Uint8Array(checkpoint));
      expect(posted[trainedAt].transfer ?? []).toEqual([]);
      // The model is freed when the run ends.
      expect(tf.memory().numTensors).toBe(before);
    }
  );

  it("keeps the ratings and the backend in its cache: a second run neither fetches nor chooses again", async () => {
    const cache = trainCache();
    await run(request({hyper: {factors: 4, bs: 64, epochs: 1, lrMax: 1e-2, wd: 0.1, seed: 7}}), {cache});
    expect(cache.backend).toBe("cpu");
    const again = await run(request({hyper: {factors: 4, bs: 64, epochs: 1, lrMax: 1e-2, wd: 0.1, seed: 7}}), {cache});
    expect(again.map((p) => p.event.type).slice(0, 2)).toEqual(["data", "status"]);
    expect(again.at(-1)!.event.type).toBe("done");
  });

  it(
    "with auto, measures the backends on the run's own data once per model shape, " +
      "and the backend event carries the timings, when and on what shape they were measured",
    async () => {
      const before = tf.memory().numTensors;
      const cache = trainCache();
      const hyper = {factors: 4, bs: 64, epochs: 1, lrMax: 1e-2, wd: 0.1, seed: 7};
      const backendEvent = (posted: {event: TrainEvent}[]) =>
        posted.find((p) => p.event.type === "backend")!.event as Extract<TrainEvent, {type: "backend"}>;
      const measuring = (posted: {event: TrainEvent}[]) =>
        posted.some((p) => p.event.type === "status" && p.event.text.startsWith("Measuring"));
      const first = await run(request({backend: "auto", hyper}), {cache});
      expect(first.map((p) => p.event.type).slice(1, 5)).toEqual(["data", "status", "backend", "status"]);
      expect(measuring(first)).toBe(true);
      const event = backendEvent(first);
      // In Node there is neither WebGPU nor WebGL; cpu runs wasm's step, so wasm alone is timed, and trains.
      expect(event.backend).toBe("wasm");
      expect(event.skipped.map((s) => [s.backend, s.why])).toEqual([
        ["webgpu", "missing"],
        ["webgl", "missing"]
      ]);
      expect(event.timings!.map((t) => [t.backend, t.software])).toEqual([["wasm", null]]);
      const [t] = event.timings!;
      expect(t.ratingsPerSecond).toBeGreaterThan(0);
      expect(t.ratings).toBe(t.steps * 64);
      expect(event.calibrationSeconds).toBeGreaterThan(0);
      expect(event.shape).toBe(
        `${table.userIds.length + 1} users × ${table.movieIds.length} movies, 4 factors, batch size 64`
      );
      expect(Math.abs(event.measuredAt! - Date.now())).toBeLessThan(60_000);
      expect(event.kept).toBeUndefined();
      expect(tf.getBackend()).toBe("wasm");
      expect(first.at(-1)!.event.type).toBe("done");
      // The same shape again: no measuring, the same backend, the same measure, said to be kept.
      const again = await run(request({backend: "auto", hyper}), {cache});
      expect(measuring(again)).toBe(false);
      expect(backendEvent(again)).toEqual({...event, kept: true});
      expect(again.at(-1)!.event.type).toBe("done");
      // Another shape is measured afresh.
      const wider = await run(request({backend: "auto", hyper: {...hyper, factors: 8}}), {cache});
      expect(measuring(wider)).toBe(true);
      expect(backendEvent(wider).shape).toMatch(/, 8 factors, batch size 64$/);
      // The trials' tensors are gone, and so are the runs'.
      expect(tf.memory().numTensors).toBe(before);
      await useBackend("cpu");
    }
  );

  it("with auto, reuses what the page measured earlier in the visit for this shape, ignoring what is not", async () => {
    const hyper = {factors: 4, bs: 64, epochs: 1, lrMax: 1e-2, wd: 0.1, seed: 7};
    const shape = `${table.userIds.length + 1} users × ${table.movieIds.length} movies, 4 factors, batch size 64`;
    const timing = {
      backend: "wasm" as const,
      steps: 10,
      ratings: 640,
      seconds: 0.01,
      ratingsPerSecond: 64_000,
      software: null
    };
    const measured = {
      shape,
      backend: "wasm" as const,
      skipped: [],
      timings: [timing],
      calibrationSeconds: 0.4,
      measuredAt: 1
    };
    const posted = await run(request({backend: "auto", hyper, measured: [measured]}), {cache: trainCache()});
    expect(posted.find((p) => p.event.type === "backend")!.event).toEqual({type: "backend", ...measured, kept: true});
    expect(tf.getBackend()).toBe("wasm");
    // A measure naming a backend this build does not know, or another shape, is not used: auto measures.
    const junk = [
      {...measured, backend: "quantum"},
      {...measured, shape: "another"}
    ] as never;
    const fresh = await run(request({backend: "auto", hyper, measured: junk}), {cache: trainCache()});
    const event = fresh.find((p) => p.event.type === "backend")!.event as Extract<TrainEvent, {type: "backend"}>;
    expect(event.kept).toBeUndefined();
    expect(event.measuredAt).toBeGreaterThan(1);
    await useBackend("cpu");
  });

  it("stops when its signal aborts, and still ends with the checkpoint of the epochs done", async () => {
    const controller = new AbortController();
    const posted = await run(request({hyper: {factors: 4, bs: 64, epochs: 5, lrMax: 1e-2, wd: 0.1, seed: 7}}), {
      signal: controller.signal,
      onEvent: (e) => e.type === "epoch" && controller.abort()
    });
    const done = posted.at(-1)!.event;
    expect(done.type).toBe("done");
    if (done.type !== "done") return;
    expect(done.stopped).toBe(true);
    expect(done.history.map((r) => r.epoch)).toEqual([0]);
  });

  it("stopped before its first epoch ended, says nothing of saving, and ends with no epoch", async () => {
    const controller = new AbortController();
    const posted = await run(request({hyper: {factors: 4, bs: 64, epochs: 5, lrMax: 1e-2, wd: 0.1, seed: 7}}), {
      signal: controller.signal,
      // Stopped while it measures or starts: at its first status, before any batch.
      onEvent: (e) => e.type === "status" && controller.abort()
    });
    const done = posted.at(-1)!.event;
    expect(done).toMatchObject({type: "done", stopped: true, history: [], ranking: null, ranker: null});
    expect(posted.some((p) => p.event.type === "status" && p.event.finishing)).toBe(false);
  });

  it("posts one error message for a bad request, and frees what it built", async () => {
    const before = tf.memory().numTensors;
    const posted = await run(request({hyper: {factors: 4, bs: 64, epochs: 0, lrMax: 1e-2, wd: 0.1, seed: 7}}));
    expect(posted.at(-1)!.event).toEqual({type: "error", message: "fit: epochs must be a positive integer, got 0"});
    expect(posted.filter((p) => p.event.type === "error" || p.event.type === "done")).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("posts the reason when the ratings cannot be read", async () => {
    const posted = await run(request({ratingsUrl: "data:application/octet-stream;base64,AAAA"}));
    expect(posted.map((p) => p.event.type)).toEqual(["status", "error"]);
    expect(posted[1].event).toMatchObject({
      type: "error",
      message: expect.stringMatching(/^Not a valid ratings file: too short/)
    });
  });

  it("fails with the reason when the backend asked for cannot start, instead of training on another", async () => {
    const posted = await run(request({backend: "webgpu"}));
    expect(posted.map((p) => p.event.type)).toEqual(["status", "data", "error"]);
    expect(posted[2].event).toEqual({
      type: "error",
      message:
        "The webgpu backend could not start (webgpu: navigator.gpu is missing). " +
        "Choose auto to use the best one that can."
    });
  });

  it(
    "ranks the trained model against the baselines on its own validation rows, " +
      "under the split it was trained with",
    async () => {
      const done = (await run(request())).at(-1)!.event as Extract<TrainEvent, {type: "done"}>;
      expect(done.ranking).toMatchObject({split: "random", blendWeight: 0.3});
      // evaluateRanking's MSE is over the same validation rows as fit's valid_loss, from the same weights.
      expect(done.ranking!.mse).toBeCloseTo(done.history.at(-1)!.validLoss, 3);
      expect(done.ranking!.rmse).toBeCloseTo(Math.sqrt(done.ranking!.mse), 9);
      for (const r of [done.ranking!.model, done.ranking!.blended, ...Object.values(done.ranking!.baselines)])
        expect(r.k).toBe(10);

      // A ratings file written with timestamps splits by time: each user's latest 20% validate.
      const timed = indexRatings(
        data.movies.map((m) => m.id),
        [data.ratings]
      );
      const timedBase64 = Buffer.from(encodeRatingsFile(timed)).toString("base64");
      const timedUrl = `data:application/octet-stream;base64,${timedBase64}`;
      const byTime = (
        await run(request({ratingsUrl: timedUrl, myRatings: null, hyper: {...request().hyper, split: "time"}}))
      ).at(-1)!.event as Extract<TrainEvent, {type: "done"}>;
      expect(byTime.ranking!.split).toBe("time");
      // so a resumed upload validates on the same rows
      expect(decodeCheckpoint(new Uint8Array(byTime.checkpoint)).header.training?.split).toBe("time");
      expect(byTime.ranking!.mse).toBeCloseTo(byTime.history.at(-1)!.validLoss, 3);
      expect(byTime.ranking!.mse).not.toBeCloseTo(done.ranking!.mse, 3);
    }
  );

  it("refuses, in words, to split by time ratings that carry no timestamps", async () => {
    const posted = await run(request({hyper: {...request().hyper, split: "time"}}));
    expect(posted.at(-1)!.event).toEqual({
      type: "error",
      message: expect.stringMatching(/^These ratings carry no timestamps, so they cannot be split by time\./)
    });
  });
});
