import {describe, expect, it} from "vitest";
import {rankingTask, rankingUsers} from "../../src/components/model/rankingTask.js";

// Five ratings of three users on four movies: rows 0–2 train, rows 3–5 are held out.
const rows = {user: [0, 0, 1, 0, 1, 2], movie: [0, 1, 0, 2, 3, 1], rating2: [8, 6, 10, 9, 7, 10]};
const split = {train: Uint32Array.of(0, 1, 2), valid: Uint32Array.of(3, 4, 5)};

describe("rankingTask(rows, split, users, movies, {threshold, maxUsers, seed})", () => {
  it(
    "keeps the users with a relevant held-out rating (≥ threshold stars), what each rated in training, " +
      "and every movie's training count",
    () => {
      const task = rankingTask(rows, split, 3, 4);
      // User 1's held-out 3.5 stars is not relevant at 4: user 1 is left out.
      expect(task.users).toEqual([0, 2]);
      expect(task.seen.map((s) => [...s])).toEqual([[0, 1], []]);
      expect(task.relevant.map((s) => [...s])).toEqual([[2], [1]]);
      expect(Array.from(task.trainCounts)).toEqual([2, 1, 0, 0]);
      expect(task.threshold).toBe(4);
      expect(rankingTask(rows, split, 3, 4, {threshold: 3.5}).users).toEqual([0, 1, 2]);
    }
  );

  it("samples at most maxUsers, the same ones for the same seed, in index order", () => {
    const many = {
      user: Array.from({length: 100}, (_, i) => i),
      movie: Array(100).fill(0),
      rating2: Array(100).fill(10)
    };
    const all = {train: new Uint32Array(0), valid: Uint32Array.from({length: 100}, (_, i) => i)};
    const a = rankingTask(many, all, 100, 1, {maxUsers: 10, seed: 7}).users;
    expect(a).toHaveLength(10);
    expect(a).toEqual([...a].sort((x, y) => x - y));
    expect(rankingTask(many, all, 100, 1, {maxUsers: 10, seed: 7}).users).toEqual(a);
    expect(rankingTask(many, all, 100, 1, {maxUsers: 10, seed: 8}).users).not.toEqual(a);
    expect(rankingTask(many, all, 100, 1, {maxUsers: 1000}).users).toHaveLength(100);
  });
});

describe("rankingUsers(movies)", () => {
  it(
    "evaluates 2,000 users on a small catalogue, fewer on a large one (about 2 million pairs), " +
      "never fewer than 200",
    () => {
      expect(rankingUsers(1682)).toBe(1189); // ML-100K
      expect(rankingUsers(3700)).toBe(540); // the default synthetic set
      expect(rankingUsers(10_677)).toBe(200); // ML-10M
      expect(rankingUsers(87_585)).toBe(200); // ML-32M
      expect(rankingUsers(1e7)).toBe(200);
      expect(rankingUsers(0)).toBe(2000);
    }
  );
});
