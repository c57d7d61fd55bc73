import {describe, expect, it} from "vitest";
import {expectedRating, ratingVariance, roundToGrid} from "../../src/components/synth/ratingGrid.js";
import {GENRES, ML10M_SHAPE, SITE_SYNTH, synthesize} from "../../src/components/synth/synthesize.js";
import type {RatingColumns} from "../../src/components/movielens/parseRatings.js";

// Sparse enough (7% of user × movie pairs) for popularity to show; MovieLens 10M is at 1.3%.
const SMALL = {seed: 7, users: 300, movies: 1000, ratings: 20_000};
const data = synthesize(SMALL);
const {movies, ratings, myRatings, meta} = data;
const truth = data.truth!;
const R = ratings.userId.length;
const HALF_STARS_FROM = 1045008000; // 2003-02-12

function counts(values: Int32Array): Map<number, number> {
  const map = new Map<number, number>();
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
  return map;
}

function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0,
    my = 0,
    sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; ++i) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  for (let i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

const columns = (r: RatingColumns) => [r.userId, r.movieId, r.rating2, r.timestamp].map((c) => Array.from(c));

describe("synthesize(options)", () => {
  it("is deterministic: the same seed gives identical output, another seed different output", () => {
    const again = synthesize(SMALL);
    expect(again.movies).toEqual(movies);
    expect(columns(again.ratings)).toEqual(columns(ratings));
    expect(columns(again.myRatings)).toEqual(columns(myRatings));
    expect(again.meta).toEqual(meta);
    const other = synthesize({...SMALL, seed: 8});
    expect(other.movies.map((m) => m.title)).not.toEqual(movies.map((m) => m.title));
    expect(Array.from(other.ratings.movieId)).not.toEqual(Array.from(ratings.movieId));
  });
  it("makes exactly the requested numbers of ratings, users and movies, every movie rated", () => {
    expect(R).toBe(20_000);
    for (const column of [ratings.movieId, ratings.rating2, ratings.timestamp]) expect(column.length).toBe(R);
    expect(counts(ratings.userId).size).toBe(300);
    expect(movies.length).toBe(1000);
    expect(new Set(movies.map((m) => m.id)).size).toBe(1000);
    expect(counts(ratings.movieId).size).toBe(1000);
  });
  it("rates each (user, movie) pair at most once, at least 20 ratings per user, rows by user then movie", () => {
    expect(new Set(Array.from(ratings.userId, (u, i) => u * 1e6 + ratings.movieId[i])).size).toBe(R);
    expect(Math.min(...counts(ratings.userId).values())).toBeGreaterThanOrEqual(20);
    for (let i = 1; i < R; ++i) {
      const order = ratings.userId[i] - ratings.userId[i - 1] || ratings.movieId[i] - ratings.movieId[i - 1];
      if (!(order > 0)) throw new Error(`row ${i} is out of order`);
    }
  });
  it("rates on the half-star grid in [0.5, 5], whole stars more often than half stars", () => {
    const histogram = new Array(11).fill(0);
    for (const r of ratings.rating2) ++histogram[r];
    expect(histogram[0]).toBe(0);
    expect(histogram.reduce((a, b) => a + b)).toBe(R);
    const whole = histogram.filter((_, r) => r > 0 && r % 2 === 0).reduce((a, b) => a + b);
    const half = R - whole;
    expect(half).toBeGreaterThan(0.05 * R);
    expect(whole).toBeGreaterThan(2 * half);
    expect(meta.globalMean).toBeGreaterThan(3.3);
    expect(meta.globalMean).toBeLessThan(3.7);
  });
  it("dates ratings within ML-10M's span, half stars only from 2003-02-12", () => {
    for (let i = 0; i < R; ++i) {
      const t = ratings.timestamp[i];
      if (t < 789652009 || t > 1231131736) throw new Error(`row ${i}: timestamp ${t} outside 1995-01-09 … 2009-01-05`);
      if (ratings.rating2[i] % 2 === 1 && t < HALF_STARS_FROM)
        throw new Error(`row ${i}: a half star before 2003-02-12`);
    }
  });
  it("numbers movies and users increasingly, with gaps, never using user 99999", () => {
    const movieIds = movies.map((m) => m.id);
    expect(movieIds[0]).toBe(1);
    movieIds.forEach((id, i) => i && expect(id).toBeGreaterThan(movieIds[i - 1]));
    expect(movieIds.at(-1)).toBeGreaterThan(2 * movies.length);
    const userIds = [...counts(ratings.userId).keys()];
    expect(userIds.at(-1)).toBeGreaterThan(userIds.length);
    expect(ratings.userId.includes(99999)).toBe(false);
  });
  it("never uses user 99999 for other ratings, even when ids would reach it", () => {
    const big = synthesize({seed: 1, users: 100_000, movies: 20, ratings: 2_000_000});
    expect(big.ratings.userId.includes(99999)).toBe(false);
    expect(counts(big.ratings.userId).size).toBe(100_000);
  });
  it("gives user 99999 about 40 ratings of known movies with the demo taste, after everyone else", () => {
    expect(myRatings.userId.length).toBeGreaterThanOrEqual(35);
    expect(myRatings.userId.length).toBeLessThanOrEqual(45);
    expect(new Set(myRatings.userId)).toEqual(new Set([99999]));
    const byId = new Map(movies.map((m) => [m.id, m]));
    const liked: number[] = [],
      disliked: number[] = [];
    myRatings.movieId.forEach((id, i) => {
      const genres = byId.get(id)!.genres;
      const r = myRatings.rating2[i] / 2;
      if (genres.some((g) => meta.demoTaste.likes.includes(g))) liked.push(r);
      if (genres.some((g) => meta.demoTaste.dislikes.includes(g))) disliked.push(r);
    });
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    expect(liked.length).toBeGreaterThanOrEqual(10);
    expect(disliked.length).toBeGreaterThanOrEqual(8);
    expect(mean(liked)).toBeGreaterThan(mean(disliked) + 1.5);
    expect(Math.min(...myRatings.timestamp)).toBeGreaterThan(Math.max(...ratings.timestamp));
    expect(meta.demoTaste).toEqual({likes: ["Sci-Fi", "Animation"], dislikes: ["Romance", "Horror"]});
  });
  it("draws 1–3 genres per movie (rarely more) from MovieLens's list, Drama and Comedy most often", () => {
    const tally = new Map<string, number>();
    for (const m of movies) {
      expect(m.genres.length).toBeGreaterThanOrEqual(1);
      expect(m.genres).toEqual([...m.genres].sort());
      for (const g of m.genres) tally.set(g, (tally.get(g) ?? 0) + 1);
    }
    expect(GENRES.length).toBe(19);
    expect([...tally.keys()].every((g) => GENRES.includes(g))).toBe(true);
    expect(movies.filter((m) => m.genres.length <= 3).length).toBeGreaterThan(0.85 * movies.length);
    const ranked = [...tally].sort((a, b) => b[1] - a[1]).map(([g]) => g);
    expect(ranked.slice(0, 2).sort()).toEqual(["Comedy", "Drama"]);
    expect(ranked.slice(-4)).toContain("IMAX");
  });
  it("titles movies uniquely and realistically, years from 1915 to 2008 skewed recent", () => {
    const titles = movies.map((m) => m.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.some((t) => /[^\x00-\x7f]/.test(t))).toBe(true);
    expect(titles.some((t) => /, (The|An?)$/.test(t))).toBe(true);
    expect(titles.some((t) => / (II|III|2|3)(, The|, An?)?$/.test(t))).toBe(true);
    expect(titles.every((t) => t.trim() === t && !t.includes("::") && !/\(\d{4}\)/.test(t))).toBe(true);
    const years = movies.map((m) => m.year).sort((a, b) => a - b);
    expect(years[0]).toBeGreaterThanOrEqual(1915);
    expect(years.at(-1)).toBeLessThanOrEqual(2008);
    expect(years[years.length >> 1]).toBeGreaterThan(1985);
  });
  it("gives movie popularity a power law: the top 10% of movies hold over 35% of ratings", () => {
    const sorted = [...counts(ratings.movieId).values()].sort((a, b) => b - a);
    const top = sorted.slice(0, movies.length / 10).reduce((a, b) => a + b);
    expect(top / R).toBeGreaterThan(0.35);
  });
  it("plants genre taste: a user's taste for a movie's genres correlates with the rating", () => {
    const G = GENRES.length;
    const index = new Map(GENRES.map((g, i) => [g, i]));
    const genresOf = new Map(movies.map((m) => [m.id, m.genres.map((g) => index.get(g)!)]));
    const score = new Float64Array(R);
    for (let u = 0; u < truth.userStart.length - 1; ++u) {
      for (let row = truth.userStart[u]; row < truth.userStart[u + 1]; ++row) {
        const genres = genresOf.get(ratings.movieId[row])!;
        score[row] = genres.reduce((s, g) => s + truth.taste[u * G + g], 0) / Math.sqrt(genres.length);
      }
    }
    expect(correlation(score, ratings.rating2)).toBeGreaterThan(0.2);
  });
  it("reports a noise floor that the Bayes-optimal prediction E[r | μ] achieves", () => {
    let variance = 0,
      optimal = 0,
      floor = 0,
      rounded = 0;
    for (let u = 0; u < truth.userStart.length - 1; ++u) {
      const step = truth.halfStars[u] ? 0.5 : 1;
      for (let row = truth.userStart[u]; row < truth.userStart[u + 1]; ++row) {
        const r = ratings.rating2[row] / 2,
          mu = truth.mu[row];
        variance += (r - meta.globalMean) ** 2 / R;
        optimal += (r - expectedRating(mu, step, meta.noiseSd)) ** 2 / R;
        rounded += (r - roundToGrid(mu, step)) ** 2 / R;
        floor += ratingVariance(mu, step, meta.noiseSd) / R;
      }
    }
    expect(meta.noiseSd).toBe(0.75);
    expect(meta.noiseFloorMse).toBeGreaterThan(0.3);
    expect(meta.noiseFloorMse).toBeLessThan(variance - 0.2);
    expect(meta.noiseFloorMse).toBeCloseTo(floor, 4); // μ is kept as float32
    expect(Math.abs(optimal - meta.noiseFloorMse)).toBeLessThan(0.03); // ~5 standard errors at 20,000 ratings
    expect(rounded).toBeGreaterThan(optimal);
  });
  it("lists its options in a fixed order, so SYNTHETIC.json can be compared as text", () => {
    const {meta} = synthesize({noise: 0.5, ratings: 2000, movies: 50, users: 100, seed: 1});
    expect(Object.keys(meta.options)).toEqual(["seed", "users", "movies", "ratings", "noise", "taste"]);
    expect(Object.keys(SITE_SYNTH)).toEqual(Object.keys(meta.options));
    expect(ML10M_SHAPE).toEqual({
      seed: 42,
      users: 69878,
      movies: 10677,
      ratings: 10000054,
      noise: 0.75,
      taste: "clear"
    });
    expect(SITE_SYNTH.ratings).toBe(1_000_000);
  });
  it("throws a TypeError for fewer than 20 ratings per user, and for other impossible shapes", () => {
    expect(() => synthesize({users: 100, movies: 50, ratings: 1999})).toThrow(TypeError);
    expect(() => synthesize({users: 100, movies: 50, ratings: 1999})).toThrow(/fewer than 20 per user/);
    expect(() => synthesize({users: 10, movies: 19, ratings: 190})).toThrow(TypeError);
    expect(() => synthesize({users: 10, movies: 30, ratings: 301})).toThrow(/without duplicates/);
    expect(() => synthesize({users: 1.5})).toThrow(TypeError);
    expect(() => synthesize({noise: -1})).toThrow(TypeError);
  });
  it("fits a catalog that users rate densely, up to every pair", () => {
    const full = synthesize({seed: 3, users: 30, movies: 40, ratings: 1200});
    expect(new Set(Array.from(full.ratings.userId, (u, i) => u * 1e6 + full.ratings.movieId[i])).size).toBe(1200);
  });
});
