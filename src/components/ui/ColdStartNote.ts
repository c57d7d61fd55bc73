import {html} from "htl";

/**
 * Says that the list below is not mine yet (a cold start): how many movies I have rated against the `fewest` from
 * which a list is mine, what the list is instead (the most popular movies, by its real name), and a link to the Rate
 * movies page (`rateHref`, default "./rate.html": the file, so that hosts which rewrite nothing find it).
 */
export function ColdStartNote(
  rated: number,
  {fewest, rateHref = "./rate.html"}: {fewest: number; rateHref?: string}
): HTMLElement {
  const mine =
    rated === 0 ? "I have not rated any movie yet" : `I have rated ${rated} ${rated === 1 ? "movie" : "movies"}`;
  return html`<p class="cold-start note">
    <strong>Not my list yet.</strong> ${mine}, and a list becomes mine from ${fewest} ratings. Until then these are the
    <strong>most popular</strong> movies, the most rated first: on so few ratings a model knows little of my taste,
    and the most popular list is the better guess.
    <a href=${rateHref}>Rate movies</a> to make it mine.
  </p>`;
}
