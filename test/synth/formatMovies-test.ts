import {describe, expect, it} from "vitest";
import {parseMoviesCsv} from "../../src/components/movielens/parseMoviesCsv.js";
import {formatMovies, formatMoviesCsv} from "../../src/components/synth/formatMovies.js";
import {synthesize} from "../../src/components/synth/synthesize.js";

const {movies} = synthesize({seed: 7, users: 300, movies: 1000, ratings: 20_000});

describe("formatMovies(movies)", () => {
  it("writes one movies.dat line per movie, with the year in parentheses", () => {
    const text = formatMovies(movies);
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split("\n");
    expect(lines.length).toBe(movies.length);
    for (const line of lines) expect(line).toMatch(/^\d+::.+ \(\d{4}\)::[A-Za-z|-]+$/);
    expect(formatMovies([{id: 1, title: "Café, The", year: 1995, genres: ["Comedy", "Sci-Fi"]}])).toBe(
      "1::Café, The (1995)::Comedy|Sci-Fi\n"
    );
  });
});

describe("formatMoviesCsv(movies)", () => {
  it(
    "writes movies.csv, quoting titles with commas and quotes, " + "which parseMoviesCsv reads back to the same movies",
    () => {
      expect(
        formatMoviesCsv([
          {id: 1, title: "Café, The", year: 1995, genres: ["Comedy", "Sci-Fi"]},
          {id: 2, title: 'Say "Hi"', year: 2001, genres: []}
        ])
      ).toBe('movieId,title,genres\n1,"Café, The (1995)",Comedy|Sci-Fi\n2,"Say ""Hi"" (2001)",(no genres listed)\n');
      expect(parseMoviesCsv(new TextEncoder().encode(formatMoviesCsv(movies)))).toEqual(
        movies.map(({id, title, year, genres}) => ({id, title, year, genres}))
      );
    }
  );
});
