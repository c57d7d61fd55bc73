import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {runCard, runHistoryCsv, runHistoryJson} from "../../src/components/browser/runHistoryExport.js";
import type {RunRecord} from "../../src/components/browser/workbookStore.js";

const run = (extra: Partial<RunRecord> = {}): RunRecord => ({
  id: 3,
  finishedAt: "2026-12-06T10:00:00.000Z",
  dataset: "MovieLens 1M",
  backend: "wasm",
  hyper: {factors: 50, bs: 256, epochs: 3, lrMax: 0.01, wd: 0.1, seed: 42},
  history: [
    {epoch: 0, trainLoss: 1.1, validLoss: 1.0, seconds: 2},
    {epoch: 1, trainLoss: 0.8, validLoss: 0.85, seconds: 4}
  ],
  seconds: 4.26,
  stopped: true,
  myPredictions: new Float32Array([4, 3]),
  myRatingsUsed: [{movieId: 1, rating: 5, timestamp: 0}],
  ...extra
});

describe("runHistoryCsv(runs) and runHistoryJson(runs)", () => {
  it("writes one CSV row per run: settings, epochs done, last losses, and blank ranking measures where none", () => {
    const [row] = csvParse(runHistoryCsv([run()]));
    expect(row).toEqual({
      run: "3",
      finishedAt: "2026-12-06T10:00:00.000Z",
      dataset: "MovieLens 1M",
      backend: "wasm",
      split: "random",
      factors: "50",
      bs: "256",
      epochs: "3",
      lrMax: "0.01",
      wd: "0.1",
      seed: "42",
      epochsDone: "2",
      stopped: "true",
      seconds: "4.3",
      trainLoss: "0.8",
      validLoss: "0.85",
      validMse: "0.85",
      rmse: String(Math.sqrt(0.85)),
      ndcg10Blend: "",
      ndcg10Predicted: "",
      ndcg10Ials: "",
      ndcg10Popular: ""
    });
  });

  it("writes run cards as JSON, without my predictions or my ratings, which stay in the browser", () => {
    const parsed = JSON.parse(runHistoryJson([run()])) as {runs: Record<string, unknown>[]};
    expect(parsed.runs).toHaveLength(1);
    expect(parsed.runs[0]).not.toHaveProperty("myPredictions");
    expect(parsed.runs[0]).not.toHaveProperty("myRatingsUsed");
    expect(parsed.runs[0]).toEqual(JSON.parse(JSON.stringify(runCard(run()))));
    expect(parsed.runs[0]).toMatchObject({hyper: {seed: 42}, history: [{validLoss: 1.0}, {validLoss: 0.85}]});
  });
});
