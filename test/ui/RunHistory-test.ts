// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {RunRecord} from "../../src/components/browser/workbookStore.js";
import type {RankingReport} from "../../src/components/model/rankingMetrics.js";
import {RunHistory} from "../../src/components/ui/RunHistory.js";

const report = (ndcg: number): RankingReport => ({
  k: 10,
  threshold: 4,
  users: 100,
  precision: 0,
  recall: 0,
  ndcg,
  map: 0,
  coverage: 0,
  novelty: 0
});
const hyper = {factors: 50, bs: 256, epochs: 3, lrMax: 0.01, wd: 0.1, seed: 42};
const run = (over: Partial<RunRecord>): RunRecord => ({
  id: 1,
  finishedAt: "",
  dataset: "d",
  backend: "wasm",
  hyper,
  history: [{epoch: 0, trainLoss: 1, validLoss: 0.81, seconds: 5}],
  seconds: 65,
  stopped: false,
  ...over
});
const cells = (el: HTMLTableElement) =>
  [...el.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));

describe("RunHistory(runs)", () => {
  it(
    "shows each run's settings, split, epochs, time, MSE and RMSE, and NDCG@10 with and without " +
      "popularity against the best baseline",
    () => {
      const ranking = {
        split: "time" as const,
        mse: 0.81,
        rmse: 0.9,
        model: report(0.096),
        blended: report(0.242),
        blendWeight: 0.3,
        curve: [],
        baselines: {popular: report(0.158), dampedMean: report(0.02), biasOnly: report(0.01)}
      };
      expect(cells(RunHistory([run({id: 7, ranking})]))).toEqual([
        [
          "#7",
          "0.8100",
          "0.9000",
          "0.242",
          "0.096",
          "most popular 0.158",
          "time, 100 users",
          "1",
          "01:05",
          "50 factors, bs 256, lr 0.01, wd 0.1, seed 42"
        ]
      ]);
    }
  );
  it(
    "gives MSE and RMSE of the same model: a stopped run's as its ranking measured it where it stopped, " +
      "not its last full epoch's",
    () => {
      const ranking = {
        split: "random" as const,
        mse: 0.7297,
        rmse: Math.sqrt(0.7297),
        model: report(0.1),
        blended: report(0.2),
        blendWeight: 0.3,
        curve: [],
        baselines: {popular: report(0.15), dampedMean: report(0.02), biasOnly: report(0.01)}
      };
      const [[, mse, rmse]] = cells(
        RunHistory([
          run({id: 4, stopped: true, history: [{epoch: 0, trainLoss: 1, validLoss: 0.7067, seconds: 2}], ranking})
        ])
      );
      expect([mse, rmse]).toEqual(["0.7297", "0.8542"]);
    }
  );
  it("marks stopped and resumed runs, and shows dashes where a run kept before ranking existed has none", () => {
    expect(cells(RunHistory([run({id: 2, stopped: true, resumedFrom: "mine"})]))).toEqual([
      [
        "#2 (stopped, resumed “mine”)",
        "0.8100",
        "0.9000",
        "–",
        "–",
        "–",
        "random",
        "1",
        "01:05",
        "50 factors, bs 256, lr 0.01, wd 0.1, seed 42"
      ]
    ]);
    expect(cells(RunHistory([]))).toEqual([["No run is kept yet."]]);
  });
});
