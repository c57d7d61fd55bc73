import {html} from "htl";
import type {IalsContribution} from "../model/ialsFoldIn.js";
import {otherRatings} from "./PredictionBreakdown.js";

const signed = (x: number) => `${x < 0 ? "−" : "+"}${Math.abs(x).toFixed(3)}`;

/**
 * Why one rated movie moved an iALS score, in words whose sign makes sense: a movie I liked raises the movies people
 * rate along with it and lowers those they tend not to; one I did not like does the reverse.
 */
export function ialsReason(c: Pick<IalsContribution, "rating" | "liked" | "similarity">): string {
  const along = c.similarity >= 0 ? "tend to rate this movie too" : "tend not to rate this movie";
  return `I rated it ${c.rating}★${c.liked ? "" : " (not a movie I liked)"}, and people who rated it ${along}`;
}

/**
 * "Why this movie?" for a list ranked by iALS: the movie's score for me (IalsFoldIn's explain) and my rated movies that
 * raised it most and lowered it most (at most `n` each, default 3), named by `titleOf(movie index)`, each with its
 * reason (ialsReason); then what the rest of my ratings add, so that the shares shown add up to the score. Every
 * number carries its full value in `data-value`. Titles are set as text.
 */
export function IalsBreakdown(
  explained: {movie: number; score: number; contributions: readonly IalsContribution[]},
  {titleOf, n = 3}: {titleOf: (movie: number) => string; n?: number}
): HTMLElement {
  const by = (sign: 1 | -1) =>
    explained.contributions
      .filter((c) => sign * c.amount > 0)
      .sort((a, b) => sign * (b.amount - a.amount) || a.movie - b.movie)
      .slice(0, n);
  const up = by(1),
    down = by(-1);
  const item = (c: IalsContribution) => {
    const detail = `${ialsReason(c)} · ${signed(c.amount)}`;
    return html`<li data-movie=${String(c.movie)} data-value=${String(c.amount)}><span class="title"
      >${titleOf(c.movie)}</span>: <span class="detail">${detail}</span></li>`;
  };
  const list = (className: string, heading: string, rows: IalsContribution[], none: string) => html`<div
    class=${className}>
    <h4>${heading}</h4>
    ${rows.length ? html`<ol>${rows.map(item)}</ol>` : html`<p class="none">${none}</p>`}
  </div>`;
  const shown = new Set([...up, ...down]);
  const others = explained.contributions.filter((c) => !shown.has(c));
  const rest = others.reduce((s, c) => s + c.amount, 0);
  const restText = others.length
    ? `${otherRatings(others.length)} ${signed(rest)}, so the shares add up to the score.`
    : "These shares add up to the score.";
  return html`<div class="prediction-breakdown ials-breakdown" data-movie=${String(explained.movie)}>
    <dl class="parts">
      <div class="part part-score"><dt>iALS score: how strongly my ratings point to it</dt><dd data-part="score"
        data-value=${String(explained.score)}>${signed(explained.score)}</dd></div>
    </dl>
    ${list("pushed-up", "My ratings that raised it most", up, "None of my ratings raised it.")}
    ${list("pushed-down", "My ratings that lowered it most", down, "None of my ratings lowered it.")}
    <p class="rest" data-value=${String(rest)}>${restText}</p>
  </div>`;
}
