import {RANKING_BLEND} from "../model/popularityBlend.js";
import * as Plot from "@observablehq/plot";
import {plotGroups} from "./plotGroups.js";
import type {GridPoint} from "../browser/experimentGrid.js";
import {defaultCheckpointName} from "../browser/saveRun.js";

const describe = (p: GridPoint) =>
  `Run ${p.index + 1}: ${defaultCheckpointName(p.hyper, p.hyper.epochs)}${p.stopped ? " (stopped)" : ""}`;

/**
 * The experiment grid's results, one point per run as runs finish: valid loss (MSE, stars²) against training time
 * (seconds), and beside it NDCG@10 against training time, each point labelled with its run's number. The run at index
 * `best` gets a ring. Runs that report no NDCG@10 are left out of the second chart, which says so when none has one.
 */
export function GridChart(
  points: readonly GridPoint[],
  {width = 640, height = 220, best = null}: {width?: number; height?: number; best?: number | null} = {}
): HTMLElement {
  const root = document.createElement("div");
  root.className = "grid-chart";
  root.dataset.points = String(points.length);
  const half = width >= 640 ? Math.floor((width - 16) / 2) : width;
  const chart = (rows: readonly GridPoint[], y: "validLoss" | "ndcg", label: string) =>
    plotGroups(
      Plot.plot({
        width: half,
        height,
        marginLeft: 50,
        marginTop: 24,
        inset: 12,
        x: {label: "Training time (s)", zero: true, grid: true},
        y: {label, grid: true, zero: false, nice: true},
        marks: [
          Plot.dot(rows, {
            x: "seconds",
            y,
            r: 4,
            fill: (p: GridPoint) => (p.stopped ? "none" : "var(--theme-foreground-focus)"),
            stroke: "var(--theme-foreground-focus)",
            title: (p: GridPoint) => `${describe(p)}: ${label} ${p[y]!.toFixed(4)} after ${p.seconds.toFixed(1)} s`
          }),
          Plot.dot(
            rows.filter((p) => p.index === best),
            {x: "seconds", y, r: 8, stroke: "#e15759", strokeWidth: 2}
          ),
          Plot.text(rows, {x: "seconds", y, text: (p: GridPoint) => String(p.index + 1), dy: -10, fill: "currentColor"})
        ]
      }) as Element
    );
  const losses = points.filter((p) => p.validLoss !== null && Number.isFinite(p.validLoss));
  const ranked = points.filter((p) => p.ndcg !== null);
  const loss = root.appendChild(chart(losses, "validLoss", "valid_loss"));
  loss.classList.add("grid-loss");
  if (ranked.length)
    root.appendChild(chart(ranked, "ndcg", `NDCG@10 (model + popularity ${RANKING_BLEND})`)).classList.add("grid-ndcg");
  else
    Object.assign(root.appendChild(document.createElement("p")), {
      className: "grid-ndcg none",
      textContent: points.length
        ? "NDCG@10: –  (these runs report no ranking metrics)"
        : "NDCG@10: –  (no grid run yet: each grid run's point appears here as it finishes)"
    });
  return root;
}
