import {describe, expect, it} from "vitest";
import {createRandom} from "../../src/components/random.js";
import {allocateActivity, sampleMovies} from "../../src/components/synth/synthSample.js";

const counts = (start: Int32Array) => Array.from({length: start.length - 1}, (_, u) => start[u + 1] - start[u]);

describe("allocateActivity(users, total, movies, min, random)", () => {
  it("gives every user between min and movies ratings, adding up to exactly total", () => {
    const start = allocateActivity(500, 40_000, 1000, 20, createRandom(1));
    expect(start).toHaveLength(501);
    expect(start[0]).toBe(0);
    expect(start[500]).toBe(40_000);
    const n = counts(start);
    expect(Math.min(...n)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...n)).toBeLessThanOrEqual(700); // no one rates more than 70% of a sparse catalog
  });

  it("is heavy-tailed: the busiest users rate many times the median", () => {
    const n = counts(allocateActivity(1000, 100_000, 5000, 20, createRandom(2))).sort((a, b) => a - b);
    expect(n.at(-1)! / n[500]).toBeGreaterThan(8);
  });

  it("fills a dense shape up to every pair", () => {
    expect(counts(allocateActivity(10, 200, 20, 5, createRandom(3)))).toEqual(new Array(10).fill(20));
  });
});

describe("sampleMovies(start, popularity, random)", () => {
  const popularity = Float64Array.from({length: 200}, (_, m) => 1 / (m + 2));
  const start = allocateActivity(100, 6_000, 200, 20, createRandom(4));
  const movie = sampleMovies(start, popularity, createRandom(5));

  it("picks each user's movies without repeats, sorted by index", () => {
    expect(movie).toHaveLength(6_000);
    for (let u = 0; u < 100; ++u) {
      const mine = [...movie.subarray(start[u], start[u + 1])];
      expect(mine).toEqual([...new Set(mine)].sort((a, b) => a - b));
      expect(Math.min(...mine)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...mine)).toBeLessThan(200);
    }
  });

  it("rates every movie at least once, and popular movies more", () => {
    const tally = new Array(200).fill(0);
    for (const m of movie) ++tally[m];
    expect(Math.min(...tally)).toBeGreaterThanOrEqual(1);
    expect(tally.slice(0, 20).reduce((s, x) => s + x, 0)).toBeGreaterThan(
      2 * tally.slice(180).reduce((s, x) => s + x, 0)
    );
  });

  it("samples heavy users (over a quarter of the catalog) without replacement too", () => {
    const heavy = sampleMovies(Int32Array.of(0, 150, 160), popularity, createRandom(6));
    expect(new Set(heavy.subarray(0, 150)).size).toBe(150);
    expect(new Set(heavy.subarray(150)).size).toBe(10);
  });

  it("leaves movies unrated when there are fewer ratings than movies", () => {
    const few = sampleMovies(Int32Array.of(0, 3, 5), popularity, createRandom(7));
    expect(few).toHaveLength(5);
    expect(new Set(few.subarray(0, 3)).size).toBe(3);
  });
});
