import {describe, expect, it} from "vitest";
import {createRandom} from "../../src/components/random.js";
import {
  BASE_MEAN,
  GENRES,
  LATENT_DIMS,
  LATENT_SD,
  latentScore,
  makeCatalog
} from "../../src/components/synth/synthCatalog.js";
import type {Catalog} from "../../src/components/synth/synthCatalog.js";

const catalog = makeCatalog(500, createRandom(3));
const genresOf = (c: Catalog, m: number) => [...c.genreIndex.subarray(c.genreStart[m], c.genreStart[m + 1])];

describe("makeCatalog(count, random)", () => {
  it("is the same for the same seed", () => {
    expect(makeCatalog(50, createRandom(9))).toEqual(makeCatalog(50, createRandom(9)));
    expect(makeCatalog(50, createRandom(9)).titles).not.toEqual(makeCatalog(50, createRandom(10)).titles);
  });

  it("numbers movies from 1, increasing, with gaps", () => {
    expect(catalog.ids[0]).toBe(1);
    for (let i = 1; i < 500; ++i) expect(catalog.ids[i]).toBeGreaterThan(catalog.ids[i - 1]);
    expect(catalog.ids[499]).toBeGreaterThan(1000);
  });

  it("dates movies from 1915 to 2008, and titles each uniquely", () => {
    expect(Math.min(...catalog.years)).toBeGreaterThanOrEqual(1915);
    expect(Math.max(...catalog.years)).toBeLessThanOrEqual(2008);
    expect(new Set(catalog.titles).size).toBe(500);
  });

  it("gives every movie 1–5 distinct genres in MovieLens's order, the indicator scaled to unit length", () => {
    expect(catalog.genreStart[0]).toBe(0);
    expect(catalog.genreStart[500]).toBe(catalog.genreIndex.length);
    for (let m = 0; m < 500; ++m) {
      const genres = genresOf(catalog, m);
      expect(genres.length).toBeGreaterThanOrEqual(1);
      expect(genres.length).toBeLessThanOrEqual(5);
      expect(genres).toEqual([...new Set(genres)].sort((a, b) => a - b));
      expect(Math.max(...genres)).toBeLessThan(GENRES.length);
      expect(catalog.genreNorm[m]).toBeCloseTo(1 / Math.sqrt(genres.length), 15);
    }
  });

  it("ranks movies by a Zipf–Mandelbrot popularity, in a shuffled order", () => {
    expect([...catalog.byPopularity].sort((a, b) => a - b)).toEqual(Array.from({length: 500}, (_, i) => i));
    expect(catalog.byPopularity.slice(0, 10)).not.toEqual(Int32Array.from({length: 10}, (_, i) => i));
    // offset max(1, count / 1000)
    catalog.byPopularity.forEach((m, r) => expect(catalog.popularity[m]).toBeCloseTo(1 / (r + 2), 15));
  });

  it("draws latent factors with sd LATENT_SD, and biases higher for the more popular movies", () => {
    expect(catalog.latent).toHaveLength(500 * LATENT_DIMS);
    const mean = catalog.latent.reduce((s, x) => s + x, 0) / catalog.latent.length;
    expect(Math.sqrt(catalog.latent.reduce((s, x) => s + (x - mean) ** 2, 0) / catalog.latent.length)).toBeCloseTo(
      LATENT_SD,
      1
    );
    const bias = (ranks: Int32Array) => ranks.reduce((s, m) => s + catalog.bias[m], 0) / ranks.length;
    expect(bias(catalog.byPopularity.subarray(0, 100))).toBeGreaterThan(bias(catalog.byPopularity.subarray(400)));
  });

  it("makes an empty catalog of no movies", () => {
    const empty = makeCatalog(0, createRandom(1));
    expect(empty.ids).toHaveLength(0);
    expect(empty.titles).toEqual([]);
    expect([...empty.genreStart]).toEqual([0]);
  });
});

describe("latentScore(catalog, m, userBias, taste, tasteAt, latent, latentAt)", () => {
  it("adds the base, both biases, the taste for the movie's unit genre vector and the latent dot product", () => {
    const tiny = {
      genreStart: Int32Array.of(0, 1, 3),
      genreIndex: Uint8Array.of(4, 0, 7),
      genreNorm: Float64Array.of(1, Math.SQRT1_2),
      bias: Float64Array.of(0.1, -0.2),
      latent: Float64Array.of(0, 0, 0, 1, 2, 3)
    } as Catalog;
    const taste = new Float64Array(2 * GENRES.length);
    taste[GENRES.length + 0] = 0.5; // the second user likes Action
    taste[GENRES.length + 7] = 1; // and Drama
    const latent = Float64Array.of(9, 9, 9, 0.1, 0.2, 0.3);
    expect(latentScore(tiny, 1, 0.3, taste, GENRES.length, latent, LATENT_DIMS)).toBeCloseTo(
      BASE_MEAN + 0.3 - 0.2 + 1.5 * Math.SQRT1_2 + 1.4,
      12
    );
    expect(latentScore(tiny, 0, 0, taste, 0, latent, 0)).toBeCloseTo(BASE_MEAN + 0.1, 12);
  });
});
