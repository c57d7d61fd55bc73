// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {PredictionParts} from "../../src/components/model/explainPrediction.js";
import {PredictionBreakdown} from "../../src/components/ui/PredictionBreakdown.js";

// A contribution whose surprise is ±1 by its rating (above 3★ or not) and whose similarity makes up the amount.
const c = (movie: number, rating: number, amount: number) => {
  const surprise = rating > 3 ? 1 : -1;
  return {movie, rating, surprise, similarity: amount / surprise, amount};
};
const parts: PredictionParts = {
  movie: 9,
  userBias: 0.25,
  movieBias: -0.5,
  factorTerm: 1.5,
  logit: 1.25,
  predicted: 0.5 + 5 / (1 + Math.exp(-1.25)),
  yRange: [0.5, 5.5],
  contributions: [c(1, 5, 0.75), c(2, 1, -0.25), c(3, 4.5, 0.5), c(4, 4, 0.125), c(0, 1.5, 0.375)],
  rest: 0
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
    // Each reason's sign makes sense: a high rating of a movie like it, or a low rating of one unlike it, pushes up.
    expect(texts(".pushed-up li")).toEqual([
      "Alien: I rated it 5★, above its usual rating, and this movie is like it · +0.750",
      "Brazil: I rated it 4.5★, above its usual rating, and this movie is like it · +0.500",
      "Zero: I rated it 1.5★, below its usual rating, and this movie is unlike it · +0.375"
    ]);
    expect(texts(".pushed-down li")).toEqual([
      "<b>Heat</b>: I rated it 1★, below its usual rating, and this movie is like it · −0.250"
    ]);
    // Cube's +0.125 is not listed: the last line says what it adds, so the shares shown add up to the factor term.
    expect(visible(view.querySelector("p.rest"))).toBe(
      "My one other rating adds +0.125, so the shares add up to the factor term."
    );
    const shares = [...view.querySelectorAll<HTMLElement>("li, p.rest")].map((e) => +e.dataset.value!);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(parts.factorTerm);
    expect(view.outerHTML).toMatchSnapshot();
  });

  it("says what factors learned another way add beyond my ratings, when they leave a rest", () => {
    const view = PredictionBreakdown({...parts, rest: 0.375}, {titleOf, n: 5});
    expect(view.querySelector("p.rest")!.textContent).toBe(
      "That is all my ratings; the model's own factors for me add +0.375 beyond my ratings."
    );
  });

  it("adds the popularity term and the score that ranks the row when the list blends popularity in", () => {
    const view = PredictionBreakdown(parts, {titleOf, popularity: {weight: 0.3, ratings: 1023}});
    const value = (name: string) => +view.querySelector<HTMLElement>(`[data-part="${name}"]`)!.dataset.value!;
    expect(value("popularity")).toBeCloseTo(3, 12);
    expect(value("score")).toBe(value("predicted") + value("popularity"));
    expect(view.querySelector(".part-popularity dt")!.textContent).toBe("Popularity: 0.3★ × log2(1 + 1,023 ratings)");
    expect(view.querySelector('[data-part="popularity"]')!.textContent).toBe("+3.00★");
    expect(
      PredictionBreakdown(parts, {titleOf, popularity: {weight: 0, ratings: 9}}).querySelector(".part-score")
    ).toBe(null);
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
