import {describe, expect, it} from "vitest";
import {readTopN, recommendFilters} from "../../src/components/model/recommendFilters.js";
import {recommend} from "../../src/components/model/recommend.js";
import type {RatedMovie} from "../../src/components/movielens/datasetArtifacts.js";

const movies: RatedMovie[] = [
  {id: 1, title: "Matrix, The", year: 1999, genres: ["Action", "Sci-Fi"], ratings: 900},
  {id: 2, title: "Haine, La", year: 1995, genres: ["Crime", "Drama"], ratings: 40},
  {id: 3, title: "Die Hard", year: 1988, genres: ["Action"], ratings: 700},
  {id: 4, title: "Undated Gem", year: null, genres: ["Drama"], ratings: 3},
  {id: 5, title: "Amélie", year: 2001, genres: ["Comedy", "Romance"], ratings: 500}
];
const predicted = [4.5, 4.4, 4.3, 4.9, 4.2];
const ids = (fields: Parameters<typeof recommendFilters>[0]) =>
  recommend(movies, predicted, recommendFilters(fields, movies).options).map((r) => r.movieId);

describe("readTopN(value, {max, fallback})", () => {
  it("reads a whole number in 1…max as itself, and an empty field as the default", () => {
    expect(readTopN("20")).toEqual({n: 20, note: null});
    expect(readTopN(7)).toEqual({n: 7, note: null});
    expect(readTopN("")).toEqual({n: 20, note: null});
    expect(readTopN("  ")).toEqual({n: 20, note: null});
    expect(readTopN(null)).toEqual({n: 20, note: null});
  });
  it("brings any other value into 1…max, with a note", () => {
    expect(readTopN("0")).toEqual({n: 1, note: "Top N is at least 1, so the list shows the top 1."});
    expect(readTopN("-4")).toEqual({n: 1, note: "Top N is at least 1, so the list shows the top 1."});
    expect(readTopN("150", {max: 100})).toEqual({n: 100, note: "Top N is at most 100, so the list shows the top 100."});
    expect(readTopN("5000")).toEqual({n: 1000, note: "Top N is at most 1,000, so the list shows the top 1,000."});
    expect(readTopN("3.5")).toEqual({n: 4, note: "Top N is a whole number, so the list shows the top 4."});
    expect(readTopN("abc")).toEqual({n: 20, note: "Top N “abc” is not a number, so the list shows the top 20."});
  });
});

describe("recommendFilters(fields, movies)", () => {
  it("excludes nothing when no field is set: movies without a year stay", () => {
    const {options, notes} = recommendFilters(
      {n: "20", terms: "", include: [], exclude: [], from: "", to: "", minRatings: ""},
      movies
    );
    expect(options).toEqual({
      excludeTerms: [],
      includeGenres: [],
      excludeGenres: [],
      years: [null, null],
      minRatings: 0,
      n: 20
    });
    expect(notes).toEqual([]);
    expect(ids({})).toEqual([4, 1, 2, 3, 5]);
  });
  it("reads a cleared bound as no bound, on either side", () => {
    expect(ids({from: "1995", to: ""})).toEqual([1, 2, 5]);
    expect(ids({from: "", to: "1995"})).toEqual([2, 3]);
    expect(recommendFilters({from: "1995"}, movies).notes).toEqual([
      "1 movie has no year, and is left out while a year is set."
    ]);
  });
  it("reads an inverted year range the right way round, and says so", () => {
    const {options, notes} = recommendFilters({from: "2005", to: "1999"}, movies);
    expect(options.years).toEqual([1999, 2005]);
    expect(notes).toEqual([
      "From year 2005 is after To year 1999, so the list shows movies from 1999 to 2005.",
      "1 movie has no year, and is left out while a year is set."
    ]);
    expect(ids({from: "2005", to: "1999"})).toEqual([1, 5]);
    expect(ids({from: "1999", to: "1999"})).toEqual([1]);
  });
  it("reads a year that is not a number as no bound, with a note", () => {
    const {options, notes} = recommendFilters({from: "19x9", to: ""});
    expect(options.years).toEqual([null, null]);
    expect(notes).toEqual(["From year “19x9” is not a year, so it sets no bound."]);
  });
  it("reads the minimum number of ratings: empty, negative or not a number sets none", () => {
    expect(ids({minRatings: "500"})).toEqual([1, 3, 5]);
    expect(ids({minRatings: ""})).toEqual([4, 1, 2, 3, 5]);
    expect(ids({minRatings: "-3"})).toEqual([4, 1, 2, 3, 5]);
    expect(recommendFilters({minRatings: "many"}).notes).toEqual([
      "At least “many” ratings is not a number, so it sets no minimum."
    ]);
    expect(recommendFilters({minRatings: "5000"}, movies).notes).toEqual([
      "No movie has 5,000 ratings: the most rated has 900."
    ]);
  });
  it("says when a genre is both wanted and not wanted: “Not” wins", () => {
    const {notes} = recommendFilters({include: ["Drama", "Action"], exclude: ["Drama"]});
    expect(notes).toEqual([
      "Drama is in both “Only these genres” and “Not these genres”: “Not” wins, so no Drama movie is shown."
    ]);
    expect(ids({include: ["Drama", "Action"], exclude: ["Drama"]})).toEqual([1, 3]);
    expect(ids({include: ["Comedy"]})).toEqual([5]);
    expect(ids({exclude: ["Action"]})).toEqual([4, 2, 5]);
  });
  it("excludes titles the way they are typed, and ignores terms too short to mean anything, with a note", () => {
    expect(ids({terms: "The Matrix, la haine"})).toEqual([4, 3, 5]);
    expect(ids({terms: "amelie, (1988"})).toEqual([4, 1, 2]);
    const {options, notes} = recommendFilters({terms: "a, matrix, , x"});
    expect(options.excludeTerms).toEqual(["matrix"]);
    expect(notes).toEqual(["“a” and “x” are too short to exclude anything: type at least two letters."]);
  });
  it("says, when nothing passes, which filters are in force", () => {
    expect(
      recommendFilters({
        from: "2005",
        to: "1999",
        minRatings: "5000",
        include: ["Drama"],
        exclude: ["Action", "Crime"],
        terms: "matrix"
      }).empty
    ).toBe(
      "No movie I have not rated passes these filters (no titles with “matrix”; only Drama; no Action or Crime; from " +
        "1999 to 2005; at least 5,000 ratings). Loosen one of them to see more."
    );
    expect(recommendFilters({from: "1999", to: "1999"}).empty).toBe(
      "No movie I have not rated passes these filters (in 1999). Loosen one of them to see more."
    );
    expect(recommendFilters({to: "1950"}).empty).toBe(
      "No movie I have not rated passes these filters (up to 1950). Loosen one of them to see more."
    );
    expect(recommendFilters({}).empty).toBe("No movie is left to recommend: I have rated every movie the model knows.");
  });
});
