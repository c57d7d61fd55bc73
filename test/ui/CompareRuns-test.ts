// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {CompareRuns} from "../../src/components/ui/CompareRuns.js";
import type {ComparedRun} from "../../src/components/ui/CompareRuns.js";

const run = (n: number, movieIds: number[], validLoss: number | null = 0.8 + n / 100): ComparedRun => ({
  name: `Run #${n}`,
  label: `${n * 10} factors`,
  validLoss,
  rows: movieIds.map((movieId, i) => ({
    rank: i + 1,
    movieId,
    index: movieId,
    title: `Movie ${movieId}`,
    year: movieId === 3 ? null : 1990 + movieId,
    genres: [],
    predicted: 5 - i / 4,
    ratings: 1,
    mean: null
  }))
});

describe("CompareRuns(runs, {width})", () => {
  it(
    "shows the lists side by side, the shared titles highlighted, then each pair's Jaccard, " +
      "rank correlation and valid losses",
    () => {
      const root = CompareRuns([run(1, [1, 2, 3]), run(2, [2, 1, 4], null)]);
      const texts = (selector: string) => [...root.querySelectorAll(selector)].map((e) => e.textContent);
      expect(texts(".compare-column h2")).toEqual(["Run #1", "Run #2"]);
      expect(texts(".compare-column .run-label")).toEqual(["10 factors", "20 factors"]);
      expect(texts(".compare-column:first-child li")).toEqual([
        "Movie 1 (1991) · 5.00",
        "Movie 2 (1992) · 4.75",
        "Movie 3 (?) · 4.50"
      ]);
      expect(texts("li.shared")).toEqual([
        "Movie 1 (1991) · 5.00",
        "Movie 2 (1992) · 4.75",
        "Movie 2 (1992) · 5.00",
        "Movie 1 (1991) · 4.75"
      ]);
      expect(texts(".compare-metrics th")).toEqual(["Runs", "Jaccard", "Rank correlation", "valid_loss"]);
      expect(texts(".compare-metrics tbody td")).toEqual(["Run #1 vs Run #2", "0.50", "0.60", "0.8100 vs –"]);
      expect(root.outerHTML).toMatchSnapshot();
    }
  );

  it("counts the titles in every list", () => {
    const text = (runs: ComparedRun[]) => CompareRuns(runs).querySelector("p.shared-count")!.textContent;
    expect(text([run(1, [1, 2]), run(2, [3, 4])])).toBe("No title is in every list.");
    expect(text([run(1, [1, 2]), run(2, [2, 4]), run(3, [2, 1])])).toBe("One title is in every list (highlighted).");
    expect(text([run(1, [1, 2]), run(2, [2, 1])])).toBe("2 titles are in every list (highlighted).");
  });

  it("compares every pair once, in order", () => {
    const root = CompareRuns([run(1, [1]), run(2, [1]), run(3, [2])]);
    expect([...root.querySelectorAll(".compare-metrics tbody tr")].map((tr) => tr.firstChild!.textContent)).toEqual([
      "Run #1 vs Run #2",
      "Run #1 vs Run #3",
      "Run #2 vs Run #3"
    ]);
    expect([...root.querySelectorAll(".compare-metrics tbody tr td:nth-child(2)")].map((td) => td.textContent)).toEqual(
      ["1.00", "0.00", "0.00"]
    );
  });

  it("puts up to four columns in a row, fewer on a narrow page", () => {
    const grid = (runs: number, width?: number) =>
      CompareRuns(
        Array.from({length: runs}, (_, i) => run(i + 1, [1])),
        {width}
      ).querySelector(".grid")!.className;
    expect(grid(4)).toBe("grid grid-cols-4");
    expect(grid(3)).toBe("grid grid-cols-3");
    expect(grid(4, 800)).toBe("grid grid-cols-2");
    expect(grid(4, 400)).toBe("grid grid-cols-1");
    expect(grid(2, 400)).toBe("grid grid-cols-1");
  });
});
