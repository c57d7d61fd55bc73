import type {RunRecord} from "../browser/workbookStore.js";
import {formatTime} from "./EpochTable.js";
import {BASELINES, bestBaseline} from "./RankingTable.js";
import {emptyRow, textRow, textTable} from "./textTable.js";

const dash = "–";
const fixed = (x: number | null | undefined, digits: number) =>
  x === null || x === undefined || !Number.isFinite(x) ? dash : x.toFixed(digits);

/**
 * The run history as a table, one row per kept run in the order given: its number and how it ended (a stopped run, a
 * resumed checkpoint), valid MSE and RMSE of the model kept, NDCG@10 of the model with popularity blended in and by
 * predicted rating alone, with the best baseline's; then its split (with how many users the ranking measured: it
 * changes with the held-out ratings, e.g. after I rate more), epochs, time and settings, the numbers first so a phone
 * shows them. Runs kept before ranking existed show dashes there.
 */
export function RunHistory(runs: readonly RunRecord[]): HTMLTableElement {
  const {table, body} = textTable("run-history", [
    "run",
    "valid MSE",
    "RMSE",
    "NDCG@10 (+pop)",
    "NDCG@10 (rating)",
    "best baseline",
    "split",
    "epochs",
    "time",
    "settings"
  ]);
  for (const r of runs) {
    // MSE and RMSE of the same model: the one kept, as its ranking measured it (a stopped run's may be past its last
    // full epoch); a run kept before ranking existed has only its last epoch's.
    const h = r.hyper,
      ranking = r.ranking ?? null,
      mse = ranking ? ranking.mse : (r.history.at(-1)?.validLoss ?? null);
    const best = ranking ? bestBaseline(ranking) : null;
    const ended = [
      r.diverged ? "diverged" : "",
      r.stopped ? "stopped" : "",
      r.resumedFrom ? `resumed “${r.resumedFrom}”` : "",
      r.importedFrom ? `imported from ${r.importedFrom}` : ""
    ]
      .filter(Boolean)
      .join(", ");
    textRow(body, [
      `#${r.id ?? "?"}${ended ? ` (${ended})` : ""}`,
      fixed(mse, 4),
      fixed(ranking ? ranking.rmse : mse === null ? null : Math.sqrt(mse), 4),
      fixed(ranking?.blended.ndcg, 3),
      fixed(ranking?.model.ndcg, 3),
      best ? `${BASELINES[best[0]]} ${best[1].ndcg.toFixed(3)}` : dash,
      ranking ? `${ranking.split}, ${ranking.model.users.toLocaleString("en-US")} users` : (h.split ?? "random"),
      String(r.history.length),
      formatTime(r.seconds),
      `${h.factors} factors, bs ${h.bs}, lr ${h.lrMax}, wd ${h.wd}, seed ${h.seed}`
    ]);
  }
  if (runs.length === 0) emptyRow(body, 10, "No run is kept yet.");
  return table;
}
