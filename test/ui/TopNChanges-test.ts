// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {Recommendation} from "../../src/components/model/recommend.js";
import {TopNChanges, topNChanges} from "../../src/components/ui/TopNChanges.js";

const row = (movieId: number, year: number | null = 2000): Recommendation => ({
  rank: 0,
  movieId,
  index: movieId,
  title: `Movie ${movieId}`,
  year,
  genres: [],
  predicted: 4 + movieId / 100,
  ratings: 1,
  mean: null
});
const ids = (rows: Recommendation[]) => rows.map((r) => r.movieId);

describe("topNChanges(before, after)", () => {
  it("finds the movies that entered (in the new order), that left (in the old order), and how many stayed", () => {
    const {entered, left, stayed} = topNChanges([row(1), row(2), row(3), row(4)], [row(3), row(5), row(1), row(6)]);
    expect(ids(entered)).toEqual([5, 6]);
    expect(ids(left)).toEqual([2, 4]);
    expect(stayed).toBe(2);
  });

  it("finds no change between equal lists, and everything new after an empty one", () => {
    expect(topNChanges([row(1), row(2)], [row(2), row(1)])).toEqual({entered: [], left: [], stayed: 2});
    expect(topNChanges([], [row(1)])).toEqual({entered: [row(1)], left: [], stayed: 0});
  });
});

describe("TopNChanges(before, after)", () => {
  it("shows the movies that entered and left side by side, and how many stayed", () => {
    const root = TopNChanges([row(1), row(2)], [row(1), row(3, null)]);
    const texts = (selector: string) => [...root.querySelectorAll(selector)].map((e) => e.textContent);
    expect(texts(".entered h2")).toEqual(["Entered the top N (1)"]);
    expect(texts(".entered li")).toEqual(["Movie 3 (?) · 4.03"]);
    expect(texts(".left h2")).toEqual(["Left the top N (1)"]);
    expect(texts(".left li")).toEqual(["Movie 2 (2000) · 4.02"]);
    expect(texts("p.stayed")).toEqual(["1 of 2 movies stayed."]);
    expect(root.outerHTML).toMatchSnapshot();
  });

  it("says so when no movie entered or left", () => {
    const root = TopNChanges([row(1), row(2)], [row(2), row(1)]);
    expect([...root.querySelectorAll("p.empty")].map((p) => p.textContent)).toEqual([
      "No movie entered the top 2.",
      "No movie left the top 2."
    ]);
    expect(root.querySelector("p.stayed")!.textContent).toBe("2 of 2 movies stayed.");
  });
});
