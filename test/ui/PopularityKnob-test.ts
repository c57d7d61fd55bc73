// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {POPULARITY_WEIGHTS} from "../../src/components/model/popularityBlend.js";
import type {RankingReport, RunRanking} from "../../src/components/model/rankingMetrics.js";
import {PopularityKnob, knobLabel, knobReadout} from "../../src/components/ui/PopularityKnob.js";

const report = (ndcg: number, coverage: number, novelty: number): RankingReport => ({
  k: 10,
  threshold: 4,
  users: 2000,
  precision: ndcg * 0.8,
  recall: 0,
  ndcg,
  map: 0,
  coverage,
  novelty
});
const curve = POPULARITY_WEIGHTS.map((weight) => ({
  weight,
  report: report(0.1 + weight / 10, 0.3 - weight / 5, 8 + weight)
}));
const ranking: RunRanking = {
  split: "random",
  mse: 0.67,
  rmse: 0.82,
  model: curve[3].report,
  blended: curve[6].report,
  blendWeight: 0.3,
  curve,
  baselines: {
    popular: report(0.158, 0.019, 11.34),
    dampedMean: report(0.02, 0.01, 7.8),
    biasOnly: report(0.01, 0.01, 7.7)
  }
};

describe("knobLabel(weight) and knobReadout(ranking, weight)", () => {
  it("names the position in words", () => {
    expect(knobLabel(0)).toBe("0: by predicted rating alone, as the notebook ranked");
    expect(knobLabel(0.3)).toBe("+0.3★ per doubling of a movie's ratings: favours well-known movies");
    expect(knobLabel(-0.2)).toBe("−0.2★ per doubling of a movie's ratings: favours less-known movies");
  });
  it("reads what the run measured at the position, against 0 and most popular; null without measurements", () => {
    expect(knobReadout(ranking, 0)).toBe(
      "On this run's held-out ratings (random split, 2,000 users, without the filters), lists ranked this way score " +
        "NDCG@10 0.100, P@10 0.080, and cover 30.0% of the catalogue, with a mean popularity of 8.00 (log2 ratings). " +
        "For reference, most popular: NDCG@10 0.158, P@10 0.126, coverage 1.9%, popularity 11.34."
    );
    expect(knobReadout(ranking, 0.5)).toContain(
      "score NDCG@10 0.150 (+0.050 against 0), P@10 0.120, and cover 20.0% of the catalogue (−10.0 points against " +
        "0), with a mean popularity of 8.50 (log2 ratings) (+0.50 against 0)."
    );
    expect(knobReadout(null, 0)).toBeNull();
    expect(knobReadout({...ranking, curve: []}, 0)).toBeNull();
  });
});

describe("PopularityKnob(ranking, {value})", () => {
  it("is a view whose value is the weight, and updates its words and readouts live as it moves", () => {
    const knob = PopularityKnob(ranking);
    expect(knob.value).toBe(0);
    const seen: number[] = [];
    knob.addEventListener("input", () => seen.push(knob.value));
    const slider = knob.querySelector("input")!;
    slider.value = String(POPULARITY_WEIGHTS.indexOf(0.5));
    slider.dispatchEvent(new Event("input", {bubbles: true}));
    expect(seen).toEqual([0.5]);
    expect(knob.querySelector("output")!.textContent).toBe(knobLabel(0.5));
    expect(knob.querySelector(".knob-readout")!.textContent).toBe(knobReadout(ranking, 0.5));
    // A screen reader hears the position in words, not the step's number.
    expect(slider.getAttribute("aria-valuetext")).toBe(knobLabel(0.5));
  });
  it("starts where asked, and says where its readouts would come from when the model has none", () => {
    expect(PopularityKnob(ranking, {value: 0.3}).value).toBe(0.3);
    expect(PopularityKnob(null, {value: 0.33}).value).toBe(0);
    expect(PopularityKnob(null).querySelector(".knob-readout")!.textContent).toMatch(
      /^No held-out measurements for this model/
    );
  });
});
