// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {PredictionParts} from "../../src/components/model/explainPrediction.js";
import {PredictionBreakdown} from "../../src/components/ui/PredictionBreakdown.js";

const c = (movie: number, rating: number, amount: number) => ({movie, rating, surprise: 0, similarity: 0, amount});
const parts: PredictionParts = {
  movie: 9,
  userBias: 0.25,
  movieBias: -0.5,
  factorTerm: 1.5,
  logit: 1.25,
  predicted: 0.5 + 5 / (1 + Math.exp(-1.25)),
  yRange: [0.5, 5.5],
  contributions: [c(1, 5, 0.75), c(2, 1, -0.25), c(3, 4.5, 0.5), c(4, 4, 0.125)],
  rest: 0.375
};
const titles = ["Zero", "Alien", "<b>Heat</b>", "Brazil", "Cube"];
const titleOf = (movie: number) => titles[movie];

describe("PredictionBreakdown(parts, {titleOf, n})", () => {
  it("lists the parts, then the rated movies that pushed the prediction up and down most", () => {
    const view = PredictionBreakdown(parts, {titleOf});
    // The text as it reads on the page, white space collapsed.
    const visible = (e: Element | null) => e!.textContent!.replace(/\s+/g, " ").trim();
    const texts = (selector: string) => [...view.querySelectorAll(selector)].map(visible);
    expect(texts(".parts dt")).toEqual([
      "My bias",
      "The movie's bias",
      "Factor term: my taste · the movie's",
      "Sum",
      "In stars: 0.5 + 5 × sigmoid(1.250)"
    ]);
    expect(texts(".parts dd")).toEqual(["+0.250", "−0.500", "+1.500", "+1.250", "4.39★"]);
    expect(texts("h4")).toEqual(["My ratings that pushed it up most", "My ratings that pushed it down most"]);
    expect(texts(".pushed-up li")).toEqual([
      "Alien rated 5★ · +0.750",
      "Brazil rated 4.5★ · +0.500",
      "Cube rated 4★ · +0.125"
    ]);
    expect(texts(".pushed-down li")).toEqual(["<b>Heat</b> rated 1★ · −0.250"]);
    expect(visible(view.querySelector("p.rest"))).toBe(
      "My ratings, read as a fold-in, give +1.125 of the factor term; the model's own factors for me add +0.375."
    );
    expect(view.outerHTML).toMatchSnapshot();
  });

  it("carries every part's full value, so that the biases and the factor term add up to the logit", () => {
    const view = PredictionBreakdown(parts, {titleOf});
    const value = (name: string) => +view.querySelector<HTMLElement>(`[data-part="${name}"]`)!.dataset.value!;
    expect(value("user-bias") + value("movie-bias") + value("factor-term")).toBe(value("logit"));
    expect(value("predicted")).toBe(parts.predicted);
    expect(view.querySelector('[data-part="predicted"]')!.textContent).toBe("4.39★");
  });

  it("keeps at most n of each, largest first, sets titles as text, and says when none pushed one way", () => {
    const view = PredictionBreakdown(parts, {titleOf, n: 2});
    expect([...view.querySelectorAll(".pushed-up li .title")].map((li) => li.textContent)).toEqual(["Alien", "Brazil"]);
    expect([...view.querySelectorAll(".pushed-down li .title")].map((li) => li.textContent)).toEqual(["<b>Heat</b>"]);
    expect(view.querySelector("b")).toBeNull();
    const upOnly = PredictionBreakdown({...parts, contributions: [c(1, 5, 0.75)]}, {titleOf});
    expect(upOnly.querySelector(".pushed-down .none")!.textContent).toBe("None of my ratings pushed it down.");
  });
});
