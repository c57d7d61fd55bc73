import * as Plot from "@observablehq/plot";
import {plotGroups} from "./plotGroups.js";
import type {HistogramBin} from "../movielens/ratingStats.js";

// Counts on the axis as people write them: 0, 500, 1.5K, 2M (Plot's "s" format gives "0k" and "0.0k" at the origin).
const COMPACT = new Intl.NumberFormat("en-US", {notation: "compact", maximumFractionDigits: 1});

/** A bar chart of how many ratings fall on each half star, with a rule at the mean rating. */
export function RatingHistogram(
  bins: HistogramBin[],
  {width = 640, height = 320, mean}: {width?: number; height?: number; mean?: number | null} = {}
): SVGSVGElement | HTMLElement {
  const total = bins.reduce((n, b) => n + b.count, 0);
  const rows = bins.map((b) => ({...b, share: b.count / total, half: b.rating % 1 !== 0 ? "half star" : "whole star"}));
  return plotGroups(
    Plot.plot({
      width,
      height,
      marginLeft: 60,
      x: {
        label: "Rating",
        domain: [0.25, 5.25],
        ticks: bins.map((b) => b.rating),
        tickFormat: (d: number) => String(d)
      },
      y: {label: "Ratings", grid: true, tickFormat: (d: number) => COMPACT.format(d), insetTop: 18},
      color: {
        domain: ["whole star", "half star"],
        range: ["var(--theme-foreground-focus)", "var(--theme-foreground-muted)"],
        legend: true
      },
      marks: [
        Plot.rectY(rows, {
          x1: (d) => d.rating - 0.2,
          x2: (d) => d.rating + 0.2,
          y: "count",
          fill: "half",
          tip: true,
          title: (d) => `${d.rating} stars\n${d.count.toLocaleString("en-US")} ratings (${(d.share * 100).toFixed(1)}%)`
        }),
        Plot.ruleY([0]),
        ...(mean === undefined || mean === null
          ? []
          : [
              Plot.ruleX([mean], {stroke: "var(--theme-red, #e15759)", strokeDasharray: "4,3"}),
              Plot.text([mean], {
                x: (d) => d,
                frameAnchor: "top",
                dx: 6,
                textAnchor: "start",
                text: (d) => `mean ${d.toFixed(2)}`,
                fill: "var(--theme-red, #e15759)"
              })
            ])
      ]
    })
  );
}
