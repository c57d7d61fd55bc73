import type {RunRecord} from "./workbookStore.js";
import {toCsv} from "../model/toCsv.js";

/**
 * A run as it leaves the workbook: its settings (seed and split among them), the dataset it ran on, its losses epoch by
 * epoch and its ranking measures; not my predictions or ratings, which stay in the browser.
 */
export function runCard(
  run: RunRecord,
  catalogue?: string
): Omit<RunRecord, "myPredictions" | "myRatingsUsed" | "importedFrom"> & {catalogue?: string} {
  const {myPredictions: _p, myRatingsUsed: _r, importedFrom: _i, ...card} = run;
  return catalogue === undefined ? card : {...card, catalogue};
}

/**
 * The run history as JSON: one run card (runCard) per run, in the order kept, each with `catalogue`, the fingerprint
 * of the dataset's movies it ran on (summary.json's), indented for a reader. Compare imports it back (readRunCards).
 */
export function runHistoryJson(runs: readonly RunRecord[], catalogue?: string): string {
  return `${JSON.stringify({runs: runs.map((run) => runCard(run, catalogue))}, null, 2)}\n`;
}

/**
 * The run history as CSV (toCsv: RFC 4180), one row per run as Compare's history lists them (#N): when it finished,
 * the dataset and backend, its settings, how many epochs it finished, whether it was stopped, its time, its last
 * losses, the kept model's valid MSE and RMSE and NDCG@10 with popularity blended in (Compare's columns), and NDCG@10
 * of the notebook's predicted rating, of iALS and of most popular on its held-out ratings.
 */
export function runHistoryCsv(runs: readonly RunRecord[]): string {
  const header = [
    "run",
    "finishedAt",
    "dataset",
    "backend",
    "split",
    "factors",
    "bs",
    "epochs",
    "lrMax",
    "wd",
    "seed",
    "epochsDone",
    "stopped",
    "seconds",
    "trainLoss",
    "validLoss",
    "validMse",
    "rmse",
    "ndcg10Blend",
    "ndcg10Predicted",
    "ndcg10Ials",
    "ndcg10Popular"
  ];
  return toCsv(
    header,
    runs.map((r) => {
      const last = r.history.at(-1);
      // The model kept's MSE, as Compare's table shows it: its ranking's, else the last epoch's valid loss.
      const mse = r.ranking?.mse ?? last?.validLoss ?? null;
      return [
        r.id ?? null,
        r.finishedAt,
        r.dataset,
        r.backend,
        r.hyper.split ?? "random",
        r.hyper.factors,
        r.hyper.bs,
        r.hyper.epochs,
        r.hyper.lrMax,
        r.hyper.wd,
        r.hyper.seed,
        r.history.length,
        r.stopped,
        Math.round(r.seconds * 10) / 10,
        last?.trainLoss ?? null,
        last?.validLoss ?? null,
        mse,
        mse === null ? null : (r.ranking?.rmse ?? Math.sqrt(mse)),
        r.ranking?.blended.ndcg ?? null,
        r.ranking?.model.ndcg ?? null,
        r.ranking?.ials?.ndcg ?? null,
        r.ranking?.baselines.popular.ndcg ?? null
      ];
    })
  );
}
