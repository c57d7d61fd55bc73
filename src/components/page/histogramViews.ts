import * as Inputs from "@observablehq/inputs";
import type {WorkbookData} from "../browser/workbookData.js";
import {histogramFacts} from "../movielens/ratingStats.js";
import {HistogramFindings, histogramIntro} from "../ui/HistogramFindings.js";
import {NoData} from "../ui/NoData.js";
import {Nothing} from "../ui/Nothing.js";
import {RatingHistogram} from "../ui/RatingHistogram.js";
import {percent} from "../ui/percent.js";

/** What the Ratings histogram page shows, each written from the data in use (a note on what to do without data). */
export interface HistogramViews {
  /** The sentence that introduces the chart: the scale's values, and who counted the ratings. */
  intro: string;
  /** The bars at the page's width, with a rule at the mean. */
  chart: (width: number) => HTMLElement | SVGSVGElement;
  /** What is worth noticing (HistogramFindings). */
  findings: HTMLElement;
  /** The clause on how many ratings sit at the top of the scale, for the sentence on y_range ("" without data). */
  fiveStars: string;
  /** The count and share of each star value. */
  table: HTMLElement;
  /** The error of predicting the mean rating for every rating, the one a model must beat, in words. */
  baseline: string;
}

/** The Ratings histogram page's views from the page's data (its summary, histogram and where it was counted). */
export function histogramViews(data: Pick<WorkbookData, "summary" | "histogram" | "source">): HistogramViews {
  const bins = data.histogram.bins;
  const facts = histogramFacts(bins);
  return {
    intro: histogramIntro(facts, {source: data.source}),
    chart: (width) => (facts ? RatingHistogram(bins, {width, mean: facts.mean}) : NoData("to see how people rate")),
    findings: facts ? HistogramFindings(facts, {kind: data.summary.dataset.kind}) : Nothing(),
    fiveStars: facts ? `, and ${percent(facts.fiveStarShare)} of these ratings are 5 stars` : "",
    table: facts
      ? Inputs.table(
          bins.map((d) => ({...d, share: d.count / facts.total})),
          {
            header: {rating: "Rating", count: "Ratings", share: "Share"},
            format: {count: (d: number) => d.toLocaleString("en-US"), share: percent},
            select: false,
            rows: 11
          }
        )
      : NoData("to see the count at each half star"),
    baseline: facts
      ? `predicting ${facts.mean.toFixed(2)} stars for every rating here scores an MSE of ` +
        `${facts.variance.toFixed(3)} (an RMSE of ${Math.sqrt(facts.variance).toFixed(3)} stars).`
      : "it shows here once there are ratings."
  };
}
