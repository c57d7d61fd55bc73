import {POPULARITY_WEIGHTS} from "../model/popularityBlend.js";
import type {RankingReport, RunRanking} from "../model/rankingMetrics.js";
import {percent} from "./percent.js";

const signed = (w: number) => (w > 0 ? `+${w}` : w < 0 ? `−${-w}` : "0");

/** In words, what the knob's position does to the ranking: the weight, in stars per doubling of a movie's ratings. */
export function knobLabel(weight: number): string {
  if (weight === 0) return "0: by predicted rating alone, as the notebook ranked";
  return (
    `${signed(weight)}★ per doubling of a movie's ratings: ` +
    `${weight > 0 ? "favours well-known movies" : "favours less-known movies"}`
  );
}

/**
 * What the run measured at one stop of the knob, against the knob at 0 and the most popular baseline: NDCG@k,
 * precision@k, catalogue coverage and novelty (mean log2(1 + training ratings) of the listed movies). Null when the
 * model has no ranking evaluation (an uploaded checkpoint, or one kept before runs measured it).
 */
export function knobReadout(ranking: RunRanking | null, weight: number): string | null {
  const at = ranking?.curve.find((c) => c.weight === weight)?.report;
  if (!ranking || !at) return null;
  const zero = ranking.model,
    popular = ranking.baselines.popular,
    k = at.k;
  const delta = (a: number, b: number, f: (x: number) => string) =>
    weight === 0 ? "" : ` (${a >= b ? "+" : "−"}${f(Math.abs(a - b))} against 0)`;
  const line = (r: RankingReport) =>
    `NDCG@${k} ${r.ndcg.toFixed(3)}, P@${k} ${r.precision.toFixed(3)}, coverage ${percent(r.coverage)}, ` +
    `popularity ${r.novelty.toFixed(2)}`;
  return (
    `On this run's held-out ratings (${ranking.split} split, ` +
    `${at.users.toLocaleString("en-US")} users, without the filters), ` +
    `lists ranked this way score NDCG@${k} ${at.ndcg.toFixed(3)}${delta(at.ndcg, zero.ndcg, (x) => x.toFixed(3))}, ` +
    `P@${k} ${at.precision.toFixed(3)}, and cover ${percent(at.coverage)} of the ` +
    `catalogue${delta(at.coverage, zero.coverage, (x) => `${(100 * x).toFixed(1)} points`)}, with a mean ` +
    `popularity of ${at.novelty.toFixed(2)} (log2 ratings)${delta(at.novelty, zero.novelty, (x) => x.toFixed(2))}. ` +
    `For reference, most popular: ${line(popular)}.`
  );
}

/**
 * The popularity knob (model/popularityBlend.ts) as an Observable view: a slider over POPULARITY_WEIGHTS whose `value`
 * is the weight, starting at `value` (default 0), with a line in words for the position and live readouts of what the
 * run measured there (knobReadout), updated as it moves. Emits "input" as it moves.
 */
export function PopularityKnob(
  ranking: RunRanking | null,
  {value = 0}: {value?: number} = {}
): HTMLElement & {value: number} {
  const stops: readonly number[] = POPULARITY_WEIGHTS;
  const root = Object.assign(document.createElement("div"), {className: "popularity-knob"}) as HTMLDivElement & {
    value: number;
  };
  const label = root.appendChild(document.createElement("label"));
  label.append("Popularity ");
  const slider = label.appendChild(document.createElement("input"));
  Object.assign(slider, {type: "range", min: "0", max: String(stops.length - 1), step: "1"});
  slider.setAttribute("aria-label", "Popularity: stars added per doubling of a movie's ratings");
  const words = root.appendChild(Object.assign(document.createElement("output"), {className: "knob-label"}));
  const readout = root.appendChild(Object.assign(document.createElement("p"), {className: "knob-readout"}));
  const show = (i: number) => {
    root.value = stops[i];
    slider.value = String(i);
    words.textContent = knobLabel(stops[i]);
    // A screen reader says the position in the same words, not the slider's step number.
    slider.setAttribute("aria-valuetext", words.textContent);
    readout.textContent =
      knobReadout(ranking, stops[i]) ??
      "No held-out measurements for this model: they come with every run trained on the Train a model page (not with " +
        "an uploaded checkpoint or a model kept before runs measured them).";
  };
  const start = stops.indexOf(value);
  show(start >= 0 ? start : stops.indexOf(0));
  slider.addEventListener("input", () => show(+slider.value)); // runs before the event bubbles to the view's listeners
  return root;
}
