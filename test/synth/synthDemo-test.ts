import {describe, expect, it} from "vitest";
import {MY_USER_ID} from "../../src/components/movielens/myRatingsFile.js";
import {createRandom} from "../../src/components/random.js";
import {GENRES, makeCatalog} from "../../src/components/synth/synthCatalog.js";
import {DEMO_TASTE, makeDemoRatings} from "../../src/components/synth/synthDemo.js";

const catalog = makeCatalog(600, createRandom(5));
const {ratings, taste} = makeDemoRatings(catalog, 0.75, createRandom(6));
const index = new Map([...catalog.ids].map((id, m) => [id, m]));
const names = (movieId: number) => {
  const m = index.get(movieId)!;
  return [...catalog.genreIndex.subarray(catalog.genreStart[m], catalog.genreStart[m + 1])].map((g) => GENRES[g]);
};

describe("makeDemoRatings(catalog, noise, random)", () => {
  it("rates 40 movies as user 99999, each once, in half stars", () => {
    expect(ratings.userId).toEqual(new Int32Array(40).fill(MY_USER_ID));
    expect(new Set(ratings.movieId).size).toBe(40);
    for (const r of ratings.rating2) expect(r >= 1 && r <= 10).toBe(true);
  });

  it("rates movies it likes 4–5 and movies it dislikes 0.5–2", () => {
    let liked = 0,
      disliked = 0;
    ratings.movieId.forEach((id, i) => {
      const genres = names(id);
      const likes = genres.some((g) => DEMO_TASTE.likes.includes(g)),
        dislikes = genres.some((g) => DEMO_TASTE.dislikes.includes(g));
      const rating = ratings.rating2[i] / 2;
      expect(likes && dislikes).toBe(false); // a movie of both kinds is never a candidate
      if (likes) {
        ++liked;
        expect(rating).toBeGreaterThanOrEqual(4);
      } else if (dislikes) {
        ++disliked;
        expect(rating).toBeLessThanOrEqual(2);
      }
    });
    expect([liked, disliked]).toEqual([15, 10]);
  });

  it("picks well-known movies: from the most popular of each kind", () => {
    const rank = new Map([...catalog.byPopularity].map((m, r) => [m, r]));
    const ranks = [...ratings.movieId].map((id) => rank.get(index.get(id)!)!);
    expect(ranks.reduce((s, r) => s + r, 0) / ranks.length).toBeLessThan(300);
  });

  it("lists movies in catalogue order, rated in one sitting after 2009-01-06", () => {
    expect([...ratings.movieId]).toEqual([...ratings.movieId].sort((a, b) => a - b));
    expect(ratings.timestamp[0]).toBeGreaterThan(1231200000);
    for (let i = 1; i < 40; ++i) expect(ratings.timestamp[i] - ratings.timestamp[i - 1]).toBeGreaterThanOrEqual(15);
    expect(ratings.timestamp[39] - ratings.timestamp[0]).toBeLessThan(40 * 105);
  });

  it("returns the taste as a copy of DEMO_TASTE", () => {
    expect(taste).toEqual({likes: ["Sci-Fi", "Animation"], dislikes: ["Romance", "Horror"]});
    taste.likes.push("Western");
    expect(DEMO_TASTE.likes).toEqual(["Sci-Fi", "Animation"]);
  });

  it("rates what it can of a catalog too small to fill every group, and is the same for the same seed", () => {
    const small = makeCatalog(8, createRandom(1));
    const a = makeDemoRatings(small, 0.75, createRandom(2)).ratings;
    expect(a.movieId.length).toBeGreaterThan(0);
    expect(a.movieId.length).toBeLessThanOrEqual(8);
    expect(a).toEqual(makeDemoRatings(small, 0.75, createRandom(2)).ratings);
  });
});
