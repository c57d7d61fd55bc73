import {describe, expect, it} from "vitest";
import {fitIals, ialsOptionsFor, ialsScores} from "../../src/components/model/ials.js";
import {IALS_LIKED, ialsFoldIn} from "../../src/components/model/ialsFoldIn.js";
import {demoRatings, TWO_TASTES} from "../support/ratingFixtures.js";
import {synthTable} from "../support/synthTable.js";

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; ++i) {
    ab += a[i] * b[i];
    aa += a[i] ** 2;
    bb += b[i] ** 2;
  }
  return ab / Math.sqrt(aa * bb);
};
const liked = (movie: number) => ({movie, rating: 5});

describe("ialsFoldIn(model).vector(rated)", () => {
  it("gives a user their fitted vector back from their rated movies, when every rating is liked", () => {
    const {table} = synthTable({seed: 5, users: 300, movies: 200, ratings: 15_000});
    const model = fitIals(table, table.userIds.length, table.movieIds.length, undefined, {
      factors: 16,
      epochs: 12,
      cgSteps: 8
    });
    const d = model.factors;
    const foldIn = ialsFoldIn(model);
    for (const u of [0, 1, 2]) {
      const rated = [...table.user.keys()].filter((i) => table.user[i] === u).map((i) => liked(table.movie[i]));
      expect(cosine(foldIn.vector(rated), model.userFactors.subarray(u * d, u * d + d))).toBeGreaterThan(0.99);
    }
  });

  it("scores nothing for a person who rated nothing", () => {
    const model = fitIals(TWO_TASTES, 9, 7, undefined, {factors: 4, epochs: 3});
    expect([...ialsFoldIn(model).vector([])].every((x) => x === 0)).toBe(true);
  });

  it(`ranks a taste I did not like (rated below ${IALS_LIKED}★) below the one I liked`, () => {
    const model = fitIals(TWO_TASTES, 9, 7, undefined, {factors: 4, epochs: 10});
    const foldIn = ialsFoldIn(model);
    // Movies 0 and 3 rated, one of each taste: liking 0 and not 3 puts movie 1 above movie 4, and the reverse.
    const a = ialsScores({...model, userFactors: foldIn.vector([liked(0), {movie: 3, rating: 1.5}])}, 0);
    expect(a[1]).toBeGreaterThan(a[4]);
    const b = ialsScores({...model, userFactors: foldIn.vector([{movie: 0, rating: 2}, liked(3)])}, 0);
    expect(b[4]).toBeGreaterThan(b[1]);
  });
});

describe("ialsFoldIn(model).explain(rated, movie)", () => {
  it("shares the fold-in's score out, one share per rated movie, summing to the score that ranks the movie", () => {
    const {table} = synthTable({seed: 5, users: 300, movies: 200, ratings: 15_000});
    const model = fitIals(table, table.userIds.length, table.movieIds.length, undefined, {factors: 16, epochs: 6});
    const foldIn = ialsFoldIn(model);
    const rated = [liked(3), {movie: 17, rating: 1}, liked(42), {movie: 99, rating: 3}, liked(150)];
    const scores = ialsScores({...model, userFactors: foldIn.vector(rated)}, 0);
    for (const movie of [0, 5, 77, 199]) {
      const {score, contributions} = foldIn.explain(rated, movie);
      expect(contributions.map((c) => [c.movie, c.rating, c.liked])).toEqual(
        rated.map((r) => [r.movie, r.rating, r.rating >= IALS_LIKED])
      );
      for (const c of contributions) expect(c.amount).toBeCloseTo(c.residual * c.similarity, 12);
      expect(contributions.reduce((s, c) => s + c.amount, 0)).toBeCloseTo(score, 12);
      expect(score).toBeCloseTo(scores[movie], 5);
    }
  });

  it("credits a liked movie of the same taste", () => {
    const model = fitIals(TWO_TASTES, 9, 7, undefined, {factors: 4, epochs: 10});
    const foldIn = ialsFoldIn(model);
    // Liked movie 0, did not like movie 3: movie 1 owes its score to 0.
    const {contributions} = foldIn.explain([liked(0), {movie: 3, rating: 1}], 1);
    expect(contributions[0].amount).toBeGreaterThan(0);
    expect(contributions[0].amount).toBeGreaterThan(Math.abs(contributions[1].amount));
  });
});

describe("ialsFoldIn(model) for the synthetic demo user", () => {
  // Fitted once, with the options a run would use on this many ratings.
  const {table, data} = synthTable({seed: 7, users: 3000, movies: 500, ratings: 300_000});
  const model = fitIals(table, table.userIds.length, table.movieIds.length, undefined, ialsOptionsFor(300_000));
  const foldIn = ialsFoldIn(model);
  const mine = demoRatings(table.movieIds, data.myRatings);
  const {likes, dislikes} = data.meta.demoTaste;
  const scores = ialsScores({...model, userFactors: foldIn.vector(mine)}, 0);
  const rated = new Set(mine.map((r) => r.movie));
  const ranked = [...scores.keys()].filter((m) => !rated.has(m)).sort((a, b) => scores[b] - scores[a]);

  it("keeps disliked genres out of the top 20, and no recommendation owes most to a dislike", () => {
    // Folded in as training fits (every rating liked), the same user got 5 disliked-genre movies in their top 20, and
    // 10 recommendations whose largest share came from a movie they rated below 3.5★.
    const disliked = (m: number) =>
      data.movies[m].genres.some((g) => dislikes.includes(g)) && !data.movies[m].genres.some((g) => likes.includes(g));
    const top = ranked.slice(0, 20);
    expect(top.filter(disliked)).toEqual([]);
    for (const movie of top) {
      const [largest] = foldIn.explain(mine, movie).contributions.sort((a, b) => b.amount - a.amount);
      expect(largest.liked).toBe(true);
    }
  });

  it("explains liked-genre recommendations mostly by liked-genre ratings", () => {
    const likedGenre = (m: number) => data.movies[m].genres.some((g) => likes.includes(g));
    for (const movie of ranked.filter(likedGenre).slice(0, 3)) {
      const ups = foldIn
        .explain(mine, movie)
        .contributions.filter((c) => c.amount > 0)
        .sort((a, b) => b.amount - a.amount)
        .slice(0, 3);
      expect(likedGenre(ups[0].movie)).toBe(true);
      expect(ups.filter((c) => likedGenre(c.movie)).length).toBeGreaterThanOrEqual(2);
    }
  });
});
