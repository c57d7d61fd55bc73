import {html} from "htl";
import type {IalsContribution} from "../model/ials.js";

const signed = (x: number) => `${x < 0 ? "−" : "+"}${Math.abs(x).toFixed(3)}`;

/**
 * "Why this movie?" for a list ranked by iALS: the movie's score for me (explainIals) and my rated movies that raised
 * it most and lowered it most (at most `n` each, default 3), named by `titleOf(movie index)`. iALS reads which movies
 * I rated, not my stars, so each reason says who else rated what: a rated movie raises the score when people who rated
 * it tend to rate this one too, beyond what my other ratings say, and lowers it when they tend not to. The shares add
 * up to the score; every number carries its full value in `data-value`. Titles are set as text.
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
  const item = (c: IalsContribution) => {
    const title = titleOf(c.movie);
    const reason =
      c.amount > 0
        ? "people who rated it tend to rate this movie too"
        : "people who rated it tend not to rate this movie";
    return html`<li data-movie=${String(c.movie)} data-value=${String(c.amount)}><span class="title">${title}</span>:
      <span class="detail">I rated it, and ${reason} · ${signed(c.amount)}</span></li>`;
  };
  const list = (className: string, heading: string, rows: IalsContribution[], none: string) => html`<div
    class=${className}>
    <h4>${heading}</h4>
    ${rows.length ? html`<ol>${rows.map(item)}</ol>` : html`<p class="none">${none}</p>`}
  </div>`;
  const count = explained.contributions.length;
  return html`<div class="prediction-breakdown ials-breakdown" data-movie=${String(explained.movie)}>
    <dl class="parts">
      <div class="part part-score"><dt>iALS score: how strongly my ratings point to it</dt><dd data-part="score"
        data-value=${String(explained.score)}>${signed(explained.score)}</dd></div>
    </dl>
    ${list("pushed-up", "My ratings that raised it most", by(1), "None of my ratings raised it.")}
    ${list("pushed-down", "My ratings that lowered it most", by(-1), "None of my ratings lowered it.")}
    <p class="rest" data-value="0">My ${count} ${count === 1 ? "rating accounts" : "ratings account"} for all of the
      score, one share each.</p>
  </div>`;
}
