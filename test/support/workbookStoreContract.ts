import {expect} from "vitest";
import type {CheckpointInfo, WorkbookStore} from "../../src/components/browser/workbookStore.js";
import type {RunRanking} from "../../src/components/model/rankingMetrics.js";

const hyper = {factors: 8, bs: 1024, epochs: 2, lrMax: 0.01, wd: 0.1, seed: 42};
const info = (savedAt: string): CheckpointInfo => ({
  name: "run",
  savedAt,
  dataset: "d",
  hyper,
  epochs: 1,
  validLoss: 0.9,
  bytes: 1,
  ranking: null
});

/**
 * What every WorkbookStore does with addRanking (the IndexedDB store and the one in a page's memory): the ranking goes
 * into the run's record and, with the ranker, into the latest model when that is still the run's; a latest model
 * another run has replaced since is left as it is.
 */
export async function addRankingContract(store: WorkbookStore): Promise<void> {
  const ranking = {model: {users: 3}} as unknown as RunRanking;
  const ranker = {factors: 1, movieFactors: Float32Array.of(0.5), options: {}} as never;
  const runId = await store.putRun({
    finishedAt: "t1",
    dataset: "d",
    backend: "wasm",
    hyper,
    history: [],
    seconds: 1,
    stopped: false,
    ranking: null
  });
  await store.setLatest(info("t1"), new ArrayBuffer(1));
  await store.addRanking(runId, "t1", ranking, ranker);
  expect((await store.listRuns()).map((r) => r.ranking)).toEqual([ranking]);
  const latest = await store.getLatest();
  expect(latest!.info.ranking).toEqual(ranking);
  expect(latest!.ranker).toEqual(ranker);
  // Another run kept since: its latest model is not touched, though the first run's record still gets its ranking.
  await store.setLatest(info("t2"), new ArrayBuffer(1));
  await store.addRanking(runId, "t1", null, null);
  expect((await store.listRuns()).map((r) => r.ranking)).toEqual([null]);
  expect((await store.getLatest())!.info).toEqual(info("t2"));
  expect((await store.getLatest())!.ranker).toBeNull();
}
