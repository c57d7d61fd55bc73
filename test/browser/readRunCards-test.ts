import {describe, expect, it} from "vitest";
import {readRunCards} from "../../src/components/browser/readRunCards.js";
import {runHistoryJson} from "../../src/components/browser/runHistoryExport.js";
import type {RunRecord} from "../../src/components/browser/workbookStore.js";

const report = (ndcg: number) => ({
  k: 10,
  threshold: 4,
  users: 50,
  precision: 0.1,
  recall: 0.2,
  ndcg,
  map: 0.1,
  coverage: 0.3,
  novelty: 5
});
const run = (extra: Partial<RunRecord> = {}): RunRecord => ({
  id: 4,
  finishedAt: "2026-12-06T10:00:00.000Z",
  dataset: "MovieLens 1M",
  backend: "wasm",
  hyper: {factors: 50, bs: 256, epochs: 3, lrMax: 0.01, wd: 0.1, seed: 42, split: "time"},
  history: [{epoch: 0, trainLoss: 1.1, validLoss: 1.0, seconds: 2}],
  seconds: 4,
  stopped: false,
  myPredictions: new Float32Array([4]),
  ranking: {
    split: "time",
    mse: 0.8,
    rmse: 0.89,
    model: report(0.1),
    blended: report(0.12),
    blendWeight: 0.3,
    curve: [],
    baselines: {popular: report(0.11), dampedMean: report(0.05), biasOnly: report(0.09)}
  } as unknown as RunRecord["ranking"],
  ...extra
});

describe("readRunCards(content, file)", () => {
  it("reads back what Compare downloads: settings, losses and the ranking figures it shows, marked as imported", () => {
    const read = readRunCards(runHistoryJson([run(), run({id: 5, ranking: null})], "cat-1"), "history.json");
    if (!("runs" in read)) throw new Error(read.error);
    expect(read.runs).toHaveLength(2);
    expect(read.runs[0]).toMatchObject({
      id: 4,
      hyper: run().hyper,
      history: run().history,
      importedFrom: "history.json",
      catalogue: "cat-1",
      ranking: {split: "time", mse: 0.8, model: {ndcg: 0.1, users: 50}, baselines: {popular: {ndcg: 0.11}}}
    });
    expect(read.runs[0]).not.toHaveProperty("myPredictions");
    expect(read.runs[1].ranking).toBeNull();
    // One card alone reads too.
    expect(readRunCards(JSON.stringify(JSON.parse(runHistoryJson([run()])).runs[0]), "card.json")).toMatchObject({
      runs: [{id: 4, catalogue: null}]
    });
  });

  it("refuses a file in words that name the first wrong field, and never keeps a field it did not check", () => {
    const bad = (edit: (card: Record<string, unknown>) => void) => {
      const card = JSON.parse(runHistoryJson([run()])).runs[0];
      edit(card);
      return readRunCards(JSON.stringify({runs: [JSON.parse(runHistoryJson([run()])).runs[0], card]}), "x.json");
    };
    expect(readRunCards("<html>", "x.json")).toEqual({
      error: "x.json is not a JSON file: choose a run history or a run card that Compare models downloaded."
    });
    expect(bad((c) => ((c.hyper as {factors: number}).factors = 2.5))).toEqual({
      error: "x.json was not imported: run 2: hyper.factors must be a whole number from 1 to 1,000, not 2.5."
    });
    expect(bad((c) => (c.dataset = "<img src=x onerror=alert(1)>".repeat(20)))).toEqual({
      error: expect.stringMatching(/^x\.json was not imported: run 2: dataset must be a text of at most 200 characters/)
    });
    expect(bad((c) => (c.backend = "cuda"))).toEqual({
      error: "x.json was not imported: run 2: backend must be one of auto, webgpu, webgl, wasm, cpu, not “cuda”."
    });
    expect(bad((c) => ((c.history as object[])[0] = {epoch: 0, trainLoss: "1"}))).toEqual({
      error: expect.stringContaining("run 2: history[0].trainLoss must be a number")
    });
    expect(bad((c) => delete (c.ranking as {baselines?: unknown}).baselines)).toEqual({
      error: "x.json was not imported: run 2: ranking.baselines is missing."
    });
    expect(readRunCards('{"runs": []}', "e.json")).toEqual({error: "e.json holds no run."});
    const extra = readRunCards(JSON.stringify({...JSON.parse(runHistoryJson([run()])).runs[0], evil: "<script>"}), "a");
    expect("runs" in extra && extra.runs[0]).not.toHaveProperty("evil");
  });
});
