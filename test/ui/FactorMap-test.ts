// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {plotHtml} from "../support/plotHtml.js";
import {FactorMap, OTHER_GENRES, factorMapPoints, genreGroup, genreGroups} from "../../src/components/ui/FactorMap.js";

describe("genreGroups(chosen)", () => {
  it("has a group per chosen genre, one for both, and the rest", () => {
    expect(genreGroups([])).toEqual([OTHER_GENRES]);
    expect(genreGroups(["Drama"])).toEqual(["Drama", OTHER_GENRES]);
    expect(genreGroups(["Drama", "Comedy"])).toEqual(["Drama", "Comedy", "Drama and Comedy", OTHER_GENRES]);
  });
});

describe("genreGroup(genres, chosen)", () => {
  it("puts a movie in its chosen genre, in both, or with the rest, whatever the order of its genres", () => {
    const chosen = ["Drama", "Comedy"];
    expect(genreGroup(["Action", "Drama"], chosen)).toBe("Drama");
    expect(genreGroup(["Comedy"], chosen)).toBe("Comedy");
    expect(genreGroup(["Comedy", "Action", "Drama"], chosen)).toBe("Drama and Comedy");
    expect(genreGroup(["Action", "Adventure"], chosen)).toBe(OTHER_GENRES);
    expect(genreGroup([], chosen)).toBe(OTHER_GENRES);
    expect(genreGroup(["Drama"], [])).toBe(OTHER_GENRES);
  });
});

describe("factorMapPoints(weights, {movies, shown, labels})", () => {
  // Four movies in 2 factors: the shown ones lie along the line y = x, so the first component explains everything.
  const weights = {factors: 2, movieFactors: Float32Array.from([0, 0, 1, 1, 2, 2, 9, -9])};
  const movies = ["A", "B", "C", "D"].map((title, i) => ({title, genres: ["Drama"], ratings: 10 * (i + 1)}));

  it("projects only the shown movies, in their order, labelling the first `labels`", () => {
    const {points, explained} = factorMapPoints(weights, {movies, shown: [2, 0, 1], labels: 1});
    expect(points.map((p) => [p.title, p.ratings, p.label])).toEqual([
      ["C", 30, true],
      ["A", 10, false],
      ["B", 20, false]
    ]);
    expect(points.map((p) => p.x)).toEqual([
      expect.closeTo(Math.SQRT2, 5),
      expect.closeTo(-Math.SQRT2, 5),
      expect.closeTo(0, 5)
    ]);
    expect(explained[0]).toBeCloseTo(1, 5);
    expect(explained[1]).toBeCloseTo(0, 5);
  });
});

describe("FactorMap(weights, {movies, shown, width, chosen})", () => {
  const movies = [
    {title: "Heat", genres: ["Action", "Crime"], ratings: 400},
    {title: "Fargo", genres: ["Crime", "Drama"], ratings: 300},
    {title: "Babe", genres: ["Children's", "Comedy"], ratings: 200},
    {title: "Clerks", genres: ["Comedy"], ratings: 100}
  ];
  const weights = {
    factors: 3,
    movieFactors: Float32Array.from([1, 0, 0.5, 0.8, 0.2, 0.4, -1, 0.1, -0.5, -0.7, -0.3, 0.2])
  };

  it("draws the shown movies on their two principal components, two genres coloured, the first labelled", async () => {
    const map = FactorMap(weights, {movies, shown: [0, 1, 2, 3], width: 400, chosen: ["Crime", "Comedy"], labels: 2});
    expect(map.querySelectorAll("circle").length).toBe(4);
    const labels = [...map.querySelectorAll("text")].map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(["Heat", "Fargo"]));
    expect(labels).not.toContain("Clerks");
    await expect(plotHtml(map)).toMatchFileSnapshot("__snapshots__/FactorMap.html");
  });

  it("says why there is no map without a model, or with fewer than two movies", () => {
    expect(FactorMap(null, {movies, shown: [0, 1]}).outerHTML).toBe(
      '<p class="factor-map empty">The map appears here once a model is trained on this dataset.</p>'
    );
    expect(FactorMap(weights, {movies, shown: [0]}).outerHTML).toBe(
      '<p class="factor-map empty">A map needs at least two movies with 20 ratings or more, ' +
        "and this dataset has fewer.</p>"
    );
  });
});
