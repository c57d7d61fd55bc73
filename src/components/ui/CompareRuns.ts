import type {Recommendation} from "../model/recommend.js";
import {compareTopN} from "../model/compareLists.js";
import {textRow, textTable} from "./textTable.js";

/** One run in a comparison: its own name ("Run #4"), a label that describes it, its final valid loss and top-N list. */
export interface ComparedRun {
  name: string;
  label: string;
  validLoss: number | null;
  rows: Recommendation[];
}

/**
 * Two to four top-N lists side by side, titles shared by every list highlighted, then the pairwise Jaccard index and
 * rank correlation, and each run's valid loss: what the original did by eye across learner1 … learner5.
 */
export function CompareRuns(runs: readonly ComparedRun[], {width = 960}: {width?: number} = {}): HTMLElement {
  const lists = runs.map((r) => r.rows.map((row) => row.movieId));
  const {pairs, shared} = compareTopN(lists);
  const root = document.createElement("div");
  root.className = "compare-runs";
  const grid = root.appendChild(document.createElement("div"));
  grid.className = `grid grid-cols-${Math.min(runs.length, width < 640 ? 1 : width < 960 ? 2 : 4)}`;
  runs.forEach((run) => {
    const card = grid.appendChild(document.createElement("div"));
    card.className = "card compare-column";
    card.appendChild(document.createElement("h2")).textContent = run.name;
    const sub = card.appendChild(document.createElement("p"));
    sub.className = "run-label";
    sub.textContent = run.label;
    const list = card.appendChild(document.createElement("ol"));
    for (const row of run.rows) {
      const li = list.appendChild(document.createElement("li"));
      li.textContent = `${row.title} (${row.year ?? "?"}) · ${row.predicted.toFixed(2)}`;
      if (shared.has(row.movieId)) li.className = "shared";
    }
  });
  const summary = root.appendChild(document.createElement("p"));
  summary.className = "shared-count";
  summary.textContent =
    shared.size === 0
      ? "No title is in every list."
      : `${shared.size === 1 ? "One title is" : `${shared.size} titles are`} in every list (highlighted).`;
  const {table, body} = textTable("compare-metrics", ["Runs", "Jaccard", "Rank correlation", "valid_loss"]);
  root.appendChild(table);
  for (let i = 0; i < runs.length; ++i) {
    for (let j = i + 1; j < runs.length; ++j) {
      const {jaccard, rank} = pairs[i][j];
      textRow(body, [
        `${runs[i].name} vs ${runs[j].name}`,
        jaccard.toFixed(2),
        Number.isFinite(rank) ? rank.toFixed(2) : "–",
        `${runs[i].validLoss?.toFixed(4) ?? "–"} vs ${runs[j].validLoss?.toFixed(4) ?? "–"}`
      ]);
    }
  }
  return root;
}
