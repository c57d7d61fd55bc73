import {describe, expect, it} from "vitest";
import {formatMovies} from "../../src/components/synth/formatMovies.js";
import {synthesize} from "../../src/components/synth/synthesize.js";

const {movies} = synthesize({seed: 7, users: 300, movies: 1000, ratings: 20_000});

describe("formatMovies(movies)", () => {
  it("writes one movies.dat line per movie, with the year in parentheses", () => {
    const text = formatMovies(movies);
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split("\n");
    expect(lines.length).toBe(movies.length);
    for (const line of lines) expect(line).toMatch(/^\d+::.+ \(\d{4}\)::[A-Za-z|-]+$/);
    expect(formatMovies([{id: 1, title: "Café, The", year: 1995, genres: ["Comedy", "Sci-Fi"]}])).toBe("1::Café, The (1995)::Comedy|Sci-Fi\n");
  });
});
