import {describe, expect, it} from "vitest";
import {createRandom} from "../../src/components/random.js";
import {predictAll} from "../../src/components/model/predictRatings.js";
import {recommend} from "../../src/components/model/recommend.js";
import type {RatedMovie} from "../../src/components/movielens/datasetArtifacts.js";

const movies: RatedMovie[] = [
  {id: 1, title: "Toy Story", year: 1995, genres: ["Animation", "Children", "Comedy"], ratings: 500},
  {id: 2, title: "Jumanji", year: 1995, genres: ["Adventure", "Children"], ratings: 300},
  {id: 5, title: "Star Wars: Episode IV", year: 1977, genres: ["Action", "Sci-Fi"], ratings: 900},
  {id: 7, title: "Star Wars: Episode V", year: 1980, genres: ["Action", "Sci-Fi"], ratings: 800},
  {id: 9, title: "Obscure (a.k.a. Gem)", year: null, genres: ["Drama"], ratings: 2},
  {id: 11, title: "Casablanca", year: 1942, genres: ["Drama", "Romance"], ratings: 400}
];
const predicted = [3.5, 3, 4.5, 4.5, 4.9, 4];
const ids = (rows: {movieId: number}[]) => rows.map((r) => r.movieId);

describe("recommend(movies, predictAll(weights, user), filters)", () => {
  it(
    "ranks ML-10M's 10,677 movies × 100 factors with every filter exactly as a full " +
      "sort of the filtered movies does",
    () => {
      const random = createRandom(1);
      const k = 100,
        movies = 10677,
        users = 3;
      const big = {
        userFactors: Float32Array.from({length: users * k}, () => random.normal(0, 0.1)),
        userBias: new Float32Array(users),
        movieFactors: Float32Array.from({length: movies * k}, () => random.normal(0, 0.1)),
        movieBias: new Float32Array(movies)
      };
      const p = predictAll(big, 1, {yRange: [0.5, 5.5]});
      expect(p).toHaveLength(movies);
      const catalog = Array.from({length: movies}, (_, i) => ({
        id: i + 1,
        title: i % 7 ? `Movie ${i} (a.k.a. Film)` : `Star Trek ${i}`,
        year: 1950 + (i % 60),
        genres: i % 5 ? ["Drama", "Comedy"] : ["Horror"],
        ratings: i % 500
      }));
      const filters = {
        rated: new Set([1, 2, 3]),
        excludeTerms: ["star trek"],
        excludeGenres: ["Horror"],
        years: [1960, 2000] as const,
        minRatings: 20
      };
      const rows = recommend(catalog, p, filters);
      const kept = catalog
        .map((m, i) => ({m, i}))
        .filter(
          ({m}) =>
            !filters.rated.has(m.id) &&
            !m.title.toLowerCase().includes("star trek") &&
            !m.genres.includes("Horror") &&
            m.year >= 1960 &&
            m.year <= 2000 &&
            m.ratings >= 20
        )
        .sort((a, b) => p[b.i] - p[a.i] || a.m.id - b.m.id)
        .slice(0, 20);
      expect(rows.map((r) => r.movieId)).toEqual(kept.map(({m}) => m.id));
      expect(rows).toHaveLength(20);
    }
  );
});

describe(
  "recommend(movies, predictions, {rated, excludeTerms, includeGenres, " + "excludeGenres, years, minRatings, n})",
  () => {
    it("ranks by predicted rating, best first, ties by movie id, and returns full rows", () => {
      const rows = recommend(movies, predicted);
      expect(ids(rows)).toEqual([9, 5, 7, 11, 1, 2]);
      expect(rows[1]).toEqual({
        rank: 2,
        movieId: 5,
        index: 2,
        title: "Star Wars: Episode IV",
        year: 1977,
        genres: ["Action", "Sci-Fi"],
        predicted: 4.5,
        ratings: 900,
        mean: null
      });
      // A movie row that knows its mean rating passes it on.
      expect(recommend([{...movies[0], mean: 4.25}], [3.5])[0].mean).toBe(4.25);
      expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(ids(recommend(movies.slice().reverse(), predicted.slice().reverse()))).toEqual([9, 5, 7, 11, 1, 2]);
    });
    it("returns the top n only (default 20)", () => {
      expect(ids(recommend(movies, predicted, {n: 2}))).toEqual([9, 5]);
      expect(recommend(movies, predicted, {n: 0})).toEqual([]);
      const many = Array.from({length: 30}, (_, i) => ({id: i, title: `M${i}`, year: 2000, genres: [], ratings: 1}));
      expect(
        recommend(
          many,
          many.map((m) => m.id)
        )
      ).toHaveLength(20);
      // Long lists take another path: the same order.
      const scores = many.map((m) => m.id % 7);
      const long = recommend(many, scores, {n: 1000}),
        short = recommend(many, scores, {n: 30});
      expect(long).toEqual(short);
      expect(ids(long).slice(0, 6)).toEqual([6, 13, 20, 27, 5, 12]);
      expect(ids(recommend(many, scores, {n: 257}))).toEqual(ids(short));
    });
    it(
      "ranks by `rankBy` when given (the popularity knob's scores), " + "and still shows each movie's predicted rating",
      () => {
        const rows = recommend(movies, predicted, {n: 3, rankBy: [0, 0, 1, 2, 0, 3]});
        expect(ids(rows)).toEqual([11, 7, 5]);
        expect(rows.map((r) => r.predicted)).toEqual([4, 4.5, 4.5]);
        expect(() => recommend(movies, predicted, {rankBy: [1]})).toThrow(TypeError);
      }
    );

    it("leaves out the movies I rated", () => {
      expect(ids(recommend(movies, predicted, {rated: new Set([9, 7, 1234])}))).toEqual([5, 11, 1, 2]);
    });
    it(
      "leaves out titles matching any term as typed: case and accents ignored, " +
        "from a word's start, a year after “(”",
      () => {
        expect(ids(recommend(movies, predicted, {excludeTerms: ["star wars"]}))).toEqual([9, 11, 1, 2]);
        expect(ids(recommend(movies, predicted, {excludeTerms: ["TOY", "casa"]}))).toEqual([9, 5, 7, 2]);
        // Inside a word is not a match: "blanca" does not exclude Casablanca.
        expect(ids(recommend(movies, predicted, {excludeTerms: ["blanca"]}))).toEqual([9, 5, 7, 11, 1, 2]);
        // Punctuation is not a regular expression, nor needed: "(a.k.a." is the words "a k a".
        expect(ids(recommend(movies, predicted, {excludeTerms: ["(a.k.a."]}))).toEqual([5, 7, 11, 1, 2]);
        expect(ids(recommend(movies, predicted, {excludeTerms: ["(1995"]}))).toEqual([9, 5, 7, 11]);
        // Blank terms, and terms too short to mean anything, would match nearly every title; they are ignored.
        expect(ids(recommend(movies, predicted, {excludeTerms: ["", "  ", ".", "s"]}))).toEqual([9, 5, 7, 11, 1, 2]);
      }
    );
    it("keeps movies with at least one included genre, when any are given", () => {
      expect(ids(recommend(movies, predicted, {includeGenres: ["Children", "Romance"]}))).toEqual([11, 1, 2]);
      expect(ids(recommend(movies, predicted, {includeGenres: []}))).toEqual([9, 5, 7, 11, 1, 2]);
    });
    it("leaves out movies with any excluded genre", () => {
      expect(ids(recommend(movies, predicted, {excludeGenres: ["Sci-Fi", "Comedy"]}))).toEqual([9, 11, 2]);
      expect(ids(recommend(movies, predicted, {includeGenres: ["Children"], excludeGenres: ["Comedy"]}))).toEqual([2]);
    });
    it(
      "keeps movies in the year range, inclusive, and leaves out those without " + "a year only when a bound is set",
      () => {
        expect(ids(recommend(movies, predicted, {years: [1977, 1995]}))).toEqual([5, 7, 1, 2]);
        expect(ids(recommend(movies, predicted, {years: [1980, 1980]}))).toEqual([7]);
        expect(ids(recommend(movies, predicted, {years: null}))).toContain(9);
        expect(ids(recommend(movies, predicted, {years: [null, null]}))).toContain(9);
      }
    );
    it("reads a null year bound as open", () => {
      expect(ids(recommend(movies, predicted, {years: [1980, null]}))).toEqual([7, 1, 2]);
      expect(ids(recommend(movies, predicted, {years: [null, 1977]}))).toEqual([5, 11]);
    });
    it("keeps movies with at least minRatings ratings", () => {
      expect(ids(recommend(movies, predicted, {minRatings: 400}))).toEqual([5, 7, 11, 1]);
    });
    it("combines the filters, and skips predictions that are not numbers", () => {
      const rows = recommend(movies, [NaN, 3, 4.5, 4.5, 4.9, 4], {
        rated: new Set([5]),
        excludeTerms: ["episode v"],
        minRatings: 100
      });
      expect(ids(rows)).toEqual([11, 2]);
    });
    it("throws a TypeError on bad options", () => {
      expect(() => recommend(movies, [1, 2])).toThrow(new TypeError("recommend: 2 predictions for 6 movies"));
      expect(() => recommend(movies, predicted, {n: 1.5})).toThrow(TypeError);
      expect(() => recommend(movies, predicted, {years: [2000, 1990]})).toThrow(TypeError);
      expect(() => recommend(movies, predicted, {years: [NaN, 1990]})).toThrow(TypeError);
    });
  }
);
