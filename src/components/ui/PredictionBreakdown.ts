import {html} from "htl";
import {strongestContributions} from "../model/explainPrediction.js";
import type {Contribution, PredictionParts} from "../model/explainPrediction.js";

const signed = (x: number) => `${x < 0 ? "−" : "+"}${Math.abs(x).toFixed(3)}`;

/**
 * "Why this movie?": one prediction in parts (explainPrediction), as a list a narrow screen stacks: my bias, the
 * movie's bias and the factor term (logit units) add up to the logit, which the sigmoid maps to stars; then my rated
 * movies that pushed it up most and down most (at most `n` each, default 3), named by `titleOf(movie index)`. Every
 * number carries its full value in `data-value`, so the sum can be checked from the page. Titles are set as text.
 */
export function PredictionBreakdown(
  parts: PredictionParts,
  {titleOf, n = 3}: {titleOf: (movie: number) => string; n?: number}
): HTMLElement {
  const [lo, hi] = parts.yRange;
  const part = (name: string, label: string, value: number, text = signed(value)) =>
    html`<div class="part part-${name}"><dt>${label}</dt><dd data-part=${name}
      data-value=${String(value)}>${text}</dd></div>`;
  const {up, down} = strongestContributions(parts, n);
  const item = (c: Contribution) => {
    const title = html`<span class="title">${titleOf(c.movie)}</span>`;
    const detail = html`<span class="detail">rated ${c.rating}★ · ${signed(c.amount)}</span>`;
    return html`<li data-movie=${String(c.movie)} data-value=${String(c.amount)}>${title} ${detail}</li>`;
  };
  const list = (className: string, heading: string, rows: Contribution[], none: string) => html`<div class=${className}>
    <h4>${heading}</h4>
    ${rows.length ? html`<ol>${rows.map(item)}</ol>` : html`<p class="none">${none}</p>`}
  </div>`;
  const inStars = `In stars: ${lo} + ${hi - lo} × sigmoid(${parts.logit.toFixed(3)})`;
  const foldIn =
    `My ratings, read as a fold-in, give ${signed(parts.factorTerm - parts.rest)} of the factor term; ` +
    `the model's own factors for me add ${signed(parts.rest)}.`;
  return html`<div class="prediction-breakdown" data-movie=${String(parts.movie)}>
    <dl class="parts">
      ${part("user-bias", "My bias", parts.userBias)}
      ${part("movie-bias", "The movie's bias", parts.movieBias)}
      ${part("factor-term", "Factor term: my taste · the movie's", parts.factorTerm)}
      ${part("logit", "Sum", parts.logit)}
      ${part("predicted", inStars, parts.predicted, `${parts.predicted.toFixed(2)}★`)}
    </dl>
    ${list("pushed-up", "My ratings that pushed it up most", up, "None of my ratings pushed it up.")}
    ${list("pushed-down", "My ratings that pushed it down most", down, "None of my ratings pushed it down.")}
    <p class="rest" data-value=${String(parts.rest)}>${foldIn}</p>
  </div>`;
}
