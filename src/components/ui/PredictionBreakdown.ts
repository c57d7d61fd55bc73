import {html} from "htl";
import {strongestContributions} from "../model/explainPrediction.js";
import type {Contribution, PredictionParts} from "../model/explainPrediction.js";

const signed = (x: number) => `${x < 0 ? "−" : "+"}${Math.abs(x).toFixed(3)}`;

/** The start of a breakdown's last line: "My one other rating adds", "My other 12 ratings add". */
export function otherRatings(count: number): string {
  return count === 1 ? "My one other rating adds" : `My other ${count} ratings add`;
}

/**
 * How one rated movie moved a prediction, in words whose sign makes sense: "I rated it 5★, above its usual rating,
 * and this movie is like it". Above or below is the sign of its surprise, like or unlike that of its similarity; their
 * product is the push, up when the two agree.
 */
export function contributionReason(c: Pick<Contribution, "rating" | "surprise" | "similarity">): string {
  return (
    `I rated it ${c.rating}★, ${c.surprise >= 0 ? "above" : "below"} its usual rating, ` +
    `and this movie is ${c.similarity >= 0 ? "like" : "unlike"} it`
  );
}

/**
 * "Why this movie?": one prediction in parts (explainPrediction), as a list a narrow screen stacks: my bias, the
 * movie's bias and the factor term (logit units) add up to the logit, which the sigmoid maps to stars; then my rated
 * movies that pushed it up most and down most (at most `n` each, default 3), named by `titleOf(movie index)`, each with
 * its reason (contributionReason). With `popularity` (the list blends in `weight` stars per doubling of a movie's
 * `ratings`), the popularity term and the score that ordered the row follow the stars. Every number carries its full
 * value in `data-value`, so the sum can be checked from the page. Titles are set as text.
 */
export function PredictionBreakdown(
  parts: PredictionParts,
  {
    titleOf,
    n = 3,
    popularity
  }: {titleOf: (movie: number) => string; n?: number; popularity?: {weight: number; ratings: number}}
): HTMLElement {
  const [lo, hi] = parts.yRange;
  const part = (name: string, label: string, value: number, text = signed(value)) =>
    html`<div class="part part-${name}"><dt>${label}</dt><dd data-part=${name}
      data-value=${String(value)}>${text}</dd></div>`;
  const {up, down} = strongestContributions(parts, n);
  const item = (c: Contribution) => {
    const title = html`<span class="title">${titleOf(c.movie)}</span>`;
    const detail = html`<span class="detail">${contributionReason(c)} · ${signed(c.amount)}</span>`;
    return html`<li data-movie=${String(c.movie)} data-value=${String(c.amount)}>${title}: ${detail}</li>`;
  };
  const list = (className: string, heading: string, rows: Contribution[], none: string) => html`<div class=${className}>
    <h4>${heading}</h4>
    ${rows.length ? html`<ol>${rows.map(item)}</ol>` : html`<p class="none">${none}</p>`}
  </div>`;
  const inStars = `In stars: ${lo} + ${hi - lo} × sigmoid(${parts.logit.toFixed(3)})`;
  const pop = popularity && popularity.weight !== 0 ? popularity.weight * Math.log2(1 + popularity.ratings) : null;
  const popularityParts =
    pop === null
      ? ""
      : html`${part(
          "popularity",
          `Popularity: ${popularity!.weight}★ × log2(1 + ${popularity!.ratings.toLocaleString("en-US")} ratings)`,
          pop,
          `${pop < 0 ? "−" : "+"}${Math.abs(pop).toFixed(2)}★`
        )}${part("score", "Score that ranks it", parts.predicted + pop, (parts.predicted + pop).toFixed(3))}`;
  // What the ratings not listed add, so that the shares shown add up to the factor term; a fold-in's attribution is
  // exact, and factors learned another way leave a rest, said as such.
  const shown = new Set([...up, ...down]);
  const others = parts.contributions.filter((c) => !shown.has(c));
  const otherSum = others.reduce((s, c) => s + c.amount, 0);
  const exact = Math.abs(parts.rest) < 5e-4 * Math.max(1, Math.abs(parts.factorTerm));
  const rest =
    (others.length ? `${otherRatings(others.length)} ${signed(otherSum)}` : "That is all my ratings") +
    (exact
      ? `, so the shares add up to the factor term.`
      : `; the model's own factors for me add ${signed(parts.rest)} beyond my ratings.`);
  return html`<div class="prediction-breakdown" data-movie=${String(parts.movie)}>
    <dl class="parts">
      ${part("user-bias", "My bias", parts.userBias)}
      ${part("movie-bias", "The movie's bias", parts.movieBias)}
      ${part("factor-term", "Factor term: my taste · the movie's", parts.factorTerm)}
      ${part("logit", "Sum", parts.logit)}
      ${part("predicted", inStars, parts.predicted, `${parts.predicted.toFixed(2)}★`)}
      ${popularityParts}
    </dl>
    ${list("pushed-up", "My ratings that pushed it up most", up, "None of my ratings pushed it up.")}
    ${list("pushed-down", "My ratings that pushed it down most", down, "None of my ratings pushed it down.")}
    <p class="rest" data-value=${String(otherSum)} data-rest=${String(parts.rest)}>${rest}</p>
  </div>`;
}
