// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {MovieRow} from "../../src/components/movielens/datasetArtifacts.js";
import {SIMILAR_MIN_RATINGS} from "../../src/components/model/similarMovies.js";
import {
  MapColours,
  MoviesLikeThis,
  NoModelNote,
  SimilarEmpty,
  SimilarTable,
  exploreModel,
  factorDimensions,
  mapGenres,
  similarChoices
} from "../../src/components/page/exploreViews.js";

/** What a view shows when it has nothing to say (ui/Nothing.ts): never null, which a page would print. */
const NOTHING = '<div class="nothing"></div>';

const GENRES = [["Drama"], ["Comedy", "Drama"], ["Comedy"], ["Horror"], ["Drama", "Horror"]];
const movies: MovieRow[] = GENRES.map((genres, i) => ({
  id: i + 1,
  title: `Movie ${i + 1}`,
  year: i === 4 ? null : 2000 + i,
  genres,
  ratings: [50, 10, 200, 30, 5][i],
  mean: 3.5
}));
// Two factors per movie: 1 and 2 point one way, 3 and 4 the other, 5 between.
const vectors = {movieFactors: Float32Array.of(1, 0, 0.9, 0.1, 0, 1, 0.1, 0.9, 0.7, 0.7), factors: 2};

describe("exploreModel(latest, {movies, summary})", () => {
  it("has no weights, vectors or model without a latest model, and says whose vectors it would compare", () => {
    const data = {movies, summary: {catalogue: "c"}};
    expect(exploreModel(null, data)).toMatchObject({weights: null, decoded: null, vectors: null});
    expect(exploreModel(null, data).vectorsNote).toMatch(/^The vectors are the rating model's/);
    // The movies worth comparing come with it, model or not.
    expect(exploreModel(null, data).choices).toEqual(similarChoices(movies));
  });
});

describe("NoModelNote(model, {noData, problem})", () => {
  it("invites loading data, says when the model is another dataset's or missing, and is null with a model", () => {
    const none = {weights: null, decoded: null};
    expect(NoModelNote(none, {noData: true, problem: null})!.textContent).toMatch(/then train a model, to explore/);
    expect(NoModelNote(none, {noData: false, problem: null})!.textContent).toBe(
      "No trained model yet: train one on the Train a model page, then come back."
    );
    const other = {weights: null, decoded: {} as never};
    expect(NoModelNote(other, {noData: false, problem: null})!.textContent).toMatch(/trained on another dataset/);
    expect(NoModelNote({weights: {} as never, decoded: {} as never}, {noData: false, problem: null}).outerHTML).toBe(
      NOTHING
    );
  });
});

describe("similarChoices(movies)", () => {
  it("offers the movies with enough ratings, most rated first, titled with their year", () => {
    const {popular, choices} = similarChoices(movies);
    const expected = [2, 0, 3, 1, 4].filter((i) => movies[i].ratings >= SIMILAR_MIN_RATINGS);
    expect(popular).toEqual(expected);
    expect(choices[0]).toEqual({movie: 2, title: "Movie 3 (2002)"});
    expect(SimilarEmpty(false, 3)!.textContent).toMatch(/once a model is trained on this dataset/);
    expect(SimilarEmpty(true, 0)!.textContent).toMatch(/^No movie has \d+ ratings or more in this dataset/);
    expect(SimilarEmpty(true, 3).outerHTML).toBe(NOTHING);
  });
});

describe("SimilarTable(movies, vectors, picked, fewest)", () => {
  it("lists the movies most like the chosen one by cosine similarity, among those with the ratings asked for", () => {
    const table = SimilarTable(movies, vectors, 0, "1");
    // Inputs.table's rows start with a cell for its (here unused) selection.
    const rows = [...table.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].slice(1).map((td) => td.textContent)
    );
    expect(rows.map((r) => r[0])).toEqual(["Movie 2", "Movie 5", "Movie 4", "Movie 3"]);
    expect(rows[0]).toEqual(["Movie 2", "2001", "Comedy, Drama", "0.994"]);
    expect(rows[1][1]).toBe(""); // no year
    // Neighbours need 40 ratings: only movie 3 (200) has them.
    const few = SimilarTable(movies, vectors, 0, "40");
    expect([...few.querySelectorAll("tbody tr td:nth-child(2)")].map((td) => td.textContent)).toEqual(["Movie 3"]);
  });

  it("says when no movie has the ratings asked for, and is empty with no movie chosen", () => {
    expect(SimilarTable(movies, vectors, 0, "1000").textContent).toBe("No other movie has 1,000 ratings or more.");
    expect(SimilarTable(movies, vectors, null, "1").childElementCount).toBe(0);
    expect(SimilarTable(movies, null, 0, "1").childElementCount).toBe(0);
  });
});

describe("mapGenres(movies, shown)", () => {
  it("lists the shown movies' genres by name, and the two with the most movies first", () => {
    expect(mapGenres(movies, [0, 1, 2, 3, 4])).toEqual({
      genres: ["Comedy", "Drama", "Horror"],
      first: "Drama",
      second: "Comedy"
    });
    expect(mapGenres(movies, [3])).toEqual({genres: ["Horror"], first: "Horror", second: null});
    expect(mapGenres(movies, [])).toEqual({genres: [], first: null, second: null});
  });
});

describe("MoviesLikeThis(movies, model)", () => {
  const withChoices = (rows: MovieRow[]) => ({weights: {factors: 2} as never, vectors, choices: similarChoices(rows)});
  const titles = (root: HTMLElement) =>
    [...root.querySelectorAll("tbody tr td:nth-child(2)")].map((td) => td.textContent);
  const type = (input: HTMLInputElement | HTMLSelectElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event("input", {bubbles: true}));
  };

  it("finds a movie by its title, shows the movies most like it, and redraws only what follows a control", () => {
    const view = MoviesLikeThis(movies, withChoices(movies));
    const search = view.querySelector<HTMLInputElement>("input[type=search]")!;
    const fewest = view.querySelector<HTMLInputElement>("input[type=number]")!;
    // Before any search every choice is found, and the first (the most rated, Movie 3) is chosen.
    const picker = () => view.querySelector<HTMLSelectElement>("select")!;
    expect(picker().selectedOptions[0].textContent).toBe("Movie 3 (2002)");
    expect(titles(view)).toEqual(["Movie 4", "Movie 1"]);
    type(search, "movie 1");
    expect([...picker().options].map((o) => o.textContent)).toEqual(["Movie 1 (2000)"]);
    expect(titles(view)).toEqual(["Movie 4", "Movie 3"]);
    // Neighbours need 40 ratings: only Movie 3 (200) has them; the movie chosen stays chosen.
    type(fewest, "40");
    expect(titles(view)).toEqual(["Movie 3"]);
    expect(picker().selectedOptions[0].textContent).toBe("Movie 1 (2000)");
    type(search, "no such film");
    expect(view.querySelector("select")).toBeNull();
    expect(view.querySelector(".no-match")!.textContent).toBe("No title matches: try fewer or shorter words.");
    expect(titles(view)).toEqual([]);
  });

  it("finds titles the way people type them: accents and case aside, an article first, a year", () => {
    const titles = ["José e Pilar", "Matrix, The", "São Paulo", "Up", "Heat"];
    const named = movies.map((m, i) => ({...m, title: titles[i], ratings: 100 - i}));
    const view = MoviesLikeThis(named, withChoices(named));
    const search = view.querySelector<HTMLInputElement>("input[type=search]")!;
    const found = (typed: string) => {
      type(search, typed);
      return [...view.querySelectorAll("select option")].map((o) => o.textContent);
    };
    expect(found("jose")).toEqual(["José e Pilar (2000)"]);
    expect(found("SAO PAULO")).toEqual(["São Paulo (2002)"]);
    expect(found("the matrix")).toEqual(["Matrix, The (2001)"]);
    expect(found("(2003")).toEqual(["Up (2003)"]);
    // One letter is too short to mean anything: every title stays found.
    expect(found("u")).toHaveLength(5);
  });

  it("says why there is nothing to search without a model, or without a movie worth comparing", () => {
    expect(MoviesLikeThis(movies, {...withChoices(movies), weights: null, vectors: null}).textContent).toMatch(
      /once a model is trained on this dataset/
    );
    const few = movies.map((m) => ({...m, ratings: SIMILAR_MIN_RATINGS - 1}));
    expect(MoviesLikeThis(few, withChoices(few)).textContent).toMatch(/^No movie has \d+ ratings or more/);
  });
});

describe("MapColours(movies, model) and factorDimensions(model)", () => {
  it("offers the shown movies' genres, the two with the most movies chosen first", () => {
    const colours = MapColours(movies, {weights: {} as never, choices: {mapped: [0, 1, 2, 3, 4]}});
    expect(colours.value).toEqual(["Drama", "Comedy"]);
    expect([...colours.querySelectorAll("label")].map((l) => l.textContent)).toEqual(["Colour a genre", "and another"]);
    expect([...colours.querySelector("select")!.options].map((o) => o.textContent)).toEqual([
      "(none)",
      "Comedy",
      "Drama",
      "Horror"
    ]);
  });

  it("shows nothing, and no genre chosen, without a model or with fewer than two movies to map", () => {
    for (const colours of [
      MapColours(movies, {weights: null, choices: {mapped: [0, 1, 2]}}),
      MapColours(movies, {weights: {} as never, choices: {mapped: [0]}})
    ]) {
      expect(colours.outerHTML).toBe(NOTHING);
      expect(colours.value).toEqual([]);
    }
  });

  it("says how many dimensions the map flattens, or what sets them", () => {
    expect(factorDimensions({weights: {factors: 50} as never})).toBe("The latest model's factors have 50 dimensions");
    expect(factorDimensions({weights: null})).toMatch(/as many dimensions as it has factors \(n_factors/);
  });
});
