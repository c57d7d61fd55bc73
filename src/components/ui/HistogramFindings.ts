import {html} from "htl";
import type {HistogramFacts} from "../movielens/ratingStats.js";
import {percent} from "./percent.js";

/** Where the data came from and what it is, as the histogram's findings need to know. */
export interface HistogramContext {
  /** "browser": the visitor's own files, counted as they loaded them; else counted by the build. */
  source?: string;
  /** The dataset's kind: "synthetic" for the generated stand-in, else a MovieLens release. */
  kind?: string;
}

/** The middle of the release's scale: whole stars 1–5 (MovieLens 100K and 1M) or half stars 0.5–5 (10M and later). */
export function scaleMiddle(facts: HistogramFacts): number {
  return facts.wholeShare === 1 ? 3 : 2.75;
}

/**
 * The sentence that introduces the histogram: how many values the ratings take (whole stars only, or half stars), and
 * that the page never reads the ratings themselves, since they were counted when loaded (by the visitor) or built.
 */
export function histogramIntro(facts: HistogramFacts | null, {source}: HistogramContext = {}): string {
  const values =
    facts?.wholeShare === 1
      ? "These ratings take only five values, the whole stars 1 to 5, so here each gets its own bar"
      : "MovieLens ratings take only ten values, so here each half star gets its own bar";
  const who =
    source === "browser"
      ? "they were counted when you loaded your files"
      : "the loader counted them when the site was built";
  const counted = !facts
    ? "they are counted once, when the data is loaded, so this page never reads the ratings themselves"
    : `${who}, so this page never reads the ${facts.total.toLocaleString("en-US")} ratings themselves`;
  return `${values}; ${counted}.`;
}

/**
 * What is worth noticing in the ratings, written from the data in use: how generous people are (the mean against the
 * scale's middle), how common half stars are (MovieLens offered them only from 2003), and how unevenly the scale is
 * used, which is why the model learns a bias per user and per movie.
 */
export function histogramFindings(
  facts: HistogramFacts,
  {kind}: HistogramContext = {}
): {headline: string; text: string}[] {
  const middle = scaleMiddle(facts);
  const generous = facts.mean > middle + 0.005;
  const atMiddle = Math.abs(facts.mean - middle) <= 0.005;
  const verdict = generous ? "People are generous." : atMiddle ? "People rate down the middle." : "People are harsh.";
  const where = facts.mean > middle + 0.5 ? "well above" : generous ? "above" : atMiddle ? "at" : "below";
  const halfStars =
    facts.wholeShare === 1
      ? "Every rating here is a whole star: MovieLens offered half stars only from 2003, after ratings such as these " +
        "were collected."
      : kind === "synthetic"
        ? "This synthetic set imitates MovieLens, which offered half stars only from 2003: only some of its users " +
          "rate in half stars, and even they do not use them every time."
        : "MovieLens only offered half stars from 2003, so many older ratings could not use them, and even " +
          "afterwards people round.";
  const halfHeadline =
    facts.wholeShare === 1
      ? "There are no half stars."
      : facts.wholeShare > 0.5
        ? "Half stars are rarer than whole stars."
        : "Half stars are as common as whole stars.";
  const ends =
    facts.oneStarShare >= facts.fiveStarShare
      ? "1 star is used at least as often as 5"
      : facts.oneStarShare
        ? `1 star is used ${(facts.fiveStarShare / facts.oneStarShare).toFixed(1)} times less often than 5`
        : "1 star is used never, 5 stars often";
  return [
    {
      headline: verdict,
      text:
        `The mean rating is ${facts.mean.toFixed(2)} stars, ${where} the middle of the scale (${middle}), and the ` +
        `most common rating is ${facts.top.rating} stars (${percent(facts.topShare)} of all ratings). ` +
        `${percent(facts.lowShare)} of ratings are 2 stars or fewer` +
        `${generous ? ": people mostly watch, and rate, movies they expected to like" : ""}.`
    },
    {headline: halfHeadline, text: `${percent(facts.wholeShare)} of ratings are whole stars. ${halfStars}`},
    {
      headline: "The scale is not used evenly.",
      text:
        `${percent(facts.middleShare)} of ratings are between 3 and 4 stars; ${ends}. A model that predicts the mean ` +
        "for everyone already does fairly well, which is why the notebook’s model learns a bias per user and per " +
        "movie on top of its factors."
    }
  ];
}

/** The findings as the histogram page shows them: "What is worth noticing:" and a list, each headline in bold. */
export function HistogramFindings(facts: HistogramFacts, context: HistogramContext = {}): HTMLElement {
  return html`<div>
    <p>What is worth noticing:</p>
    <ul class="histogram-facts">
      ${histogramFindings(facts, context).map((f) => html`<li><strong>${f.headline}</strong> ${f.text}</li>`)}
    </ul>
  </div>`;
}
