// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {RecommendationTable} from "../../src/components/ui/RecommendationTable.js";
import type {Recommendation} from "../../src/components/model/recommend.js";

const rows: Recommendation[] = [
  {
    rank: 1,
    movieId: 318,
    index: 0,
    title: "Shawshank Redemption, The",
    year: 1994,
    genres: ["Drama"],
    predicted: 4.567,
    ratings: 30_000,
    mean: 4.4567
  },
  {
    rank: 2,
    movieId: 7,
    index: 1,
    title: "<i>Untitled</i>",
    year: null,
    genres: [],
    predicted: 4.5,
    ratings: 1,
    mean: null
  }
];

describe("RecommendationTable(rows, {onRate, highlight, empty})", () => {
  it(
    "draws the top-N table, every column named, with how many rated each movie and their mean; " +
      "year, genres and ratings repeated under the title; no MovieID column",
    () => {
      const table = RecommendationTable(rows) as HTMLTableElement;
      const cells = (row: HTMLTableRowElement) => [...row.cells].map((c) => c.textContent);
      expect(cells(table.tHead!.rows[0])).toEqual(["#", "Title", "Year", "Genres", "Ratings", "Mean", "Predicted"]);
      expect([...table.tBodies[0].rows].map(cells)).toEqual([
        [
          "1",
          "Shawshank Redemption, The1994 · Drama · 30,000 ratings, mean 4.46★",
          "1994",
          "Drama",
          "30,000",
          "4.46★",
          "4.57"
        ],
        ["2", "<i>Untitled</i>1 rating", "", "", "1", "", "4.50"]
      ]);
      expect([...table.querySelectorAll(".title-extra")].map((s) => s.textContent)).toEqual([
        "1994 · Drama · 30,000 ratings, mean 4.46★",
        "1 rating"
      ]);
      expect([...table.tBodies[0].rows].map((tr) => tr.dataset.movieId)).toEqual(["318", "7"]);
      expect(table.outerHTML).toMatchSnapshot();
    }
  );

  it("with predicted: false, has no predicted column and no Why? button (a list no model ranked)", () => {
    const table = RecommendationTable(rows, {predicted: false, explain: () => document.createElement("p")});
    expect([...table.querySelectorAll("thead th")].map((th) => th.textContent)).toEqual([
      "#",
      "Title",
      "Year",
      "Genres",
      "Ratings",
      "Mean"
    ]);
    expect(table.querySelectorAll(".col-predicted, button.why")).toHaveLength(0);
  });

  it("sets titles and genres as text, never as HTML", () => {
    const table = RecommendationTable(rows);
    expect(table.querySelector("i")).toBeNull();
    expect(table.querySelector('tr[data-movie-id="7"] td.col-title')!.firstChild!.textContent).toBe("<i>Untitled</i>");
  });

  it("says `empty` instead of an empty table", () => {
    expect(RecommendationTable([]).outerHTML).toBe(
      '<p class="recommendations empty">No movie passes these filters.</p>'
    );
    expect(RecommendationTable([], {empty: "Train a model first."}).textContent).toBe("Train a model first.");
  });

  it("marks the highlighted movies as shared", () => {
    const table = RecommendationTable(rows, {highlight: new Set([7, 99])});
    expect([...table.querySelectorAll("tbody tr")].map((tr) => tr.className)).toEqual(["", "shared"]);
  });

  it("offers the release's own scale in \"I've seen it\": whole stars only on MovieLens 100K and 1M", () => {
    const table = RecommendationTable(rows, {onRate: () => {}, stars: [1, 2, 3, 4, 5]});
    const select = table.querySelector<HTMLSelectElement>('tr[data-movie-id="318"] select.seen-it')!;
    expect([...select.options].map((o) => o.value)).toEqual(["", "1", "2", "3", "4", "5"]);
  });

  it("with onRate, adds an \"I've seen it\" select of the ten half stars, which rates the row's movie", () => {
    const rated: [number, number][] = [];
    const table = RecommendationTable(rows, {onRate: (movieId, rating) => rated.push([movieId, rating])});
    expect([...table.querySelectorAll("thead th")].map((th) => th.className).at(-1)).toBe("col-seen-it");
    const select = table.querySelector<HTMLSelectElement>('tr[data-movie-id="318"] select.seen-it')!;
    expect(select.getAttribute("aria-label")).toBe("I've seen Shawshank Redemption, The: my rating");
    expect([...select.options].map((o) => o.value)).toEqual([
      "",
      "0.5",
      "1",
      "1.5",
      "2",
      "2.5",
      "3",
      "3.5",
      "4",
      "4.5",
      "5"
    ]);
    select.value = "4.5";
    select.dispatchEvent(new Event("change"));
    select.value = "";
    select.dispatchEvent(new Event("change"));
    expect(rated).toEqual([[318, 4.5]]);
  });

  it("names the Why? button after the row's place when another score ordered the list", () => {
    const explain = () => document.createElement("div");
    const table = RecommendationTable(rows, {explain, explains: "place"});
    expect(table.querySelector("button.why")!.getAttribute("aria-label")).toBe(
      "Why is Shawshank Redemption, The on my list?"
    );
  });

  it("without onRate, has no rating column", () => {
    const table = RecommendationTable(rows);
    expect(table.querySelector("select")).toBeNull();
    expect(table.querySelectorAll("thead th")).toHaveLength(7);
  });

  it('with explain, gives each prediction a "Why?" button that opens and closes the row\'s breakdown below it', () => {
    const built: number[] = [],
      toggled: [number, boolean][] = [];
    const explain = (r: Recommendation) => {
      built.push(r.movieId);
      return Object.assign(document.createElement("div"), {
        className: "breakdown-of",
        textContent: `Parts of ${r.title}`
      });
    };
    const table = RecommendationTable(rows, {
      onRate: () => {},
      explain,
      expanded: new Set([7]),
      onToggle: (id, open) => toggled.push([id, open])
    });
    const ids = () => [...table.querySelectorAll("tbody tr")].map((tr) => (tr as HTMLElement).dataset.movieId ?? tr.id);
    expect(ids()).toEqual(["318", "7", "why-7"]);
    const button = table.querySelector<HTMLButtonElement>('tr[data-movie-id="318"] td.col-predicted button.why')!;
    expect(button.getAttribute("aria-label")).toBe("Why 4.57 for Shawshank Redemption, The?");
    expect([button.getAttribute("aria-expanded"), button.getAttribute("aria-controls")]).toEqual(["false", null]);
    expect(built).toEqual([7]); // the open one only, until a person opens another
    button.click();
    expect(ids()).toEqual(["318", "why-318", "7", "why-7"]);
    expect([button.getAttribute("aria-expanded"), button.getAttribute("aria-controls")]).toEqual(["true", "why-318"]);
    const detail = table.querySelector<HTMLTableRowElement>("#why-318")!;
    expect([detail.cells[0].colSpan, detail.textContent]).toEqual([8, "Parts of Shawshank Redemption, The"]);
    button.click();
    expect(ids()).toEqual(["318", "7", "why-7"]);
    expect(button.getAttribute("aria-expanded")).toBe("false");
    button.click();
    expect(built).toEqual([7, 318]); // built once, shown again
    expect(toggled).toEqual([
      [318, true],
      [318, false],
      [318, true]
    ]);
  });
});
