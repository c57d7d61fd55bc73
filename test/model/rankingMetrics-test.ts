import {describe, expect, it} from "vitest";
import {listMetrics, rankingReport, topK} from "../../src/components/model/rankingMetrics.js";
import {createRandom} from "../../src/components/random.js";

// The textbook forms, written independently: 1-based ranks, gain 2^rel − 1 over log2(rank + 1) (Järvelin & Kekäläinen;
// Microsoft Recommenders' ndcg_at_k, RecBole's NDCG), AP as the mean of precision at each hit over min(k, |relevant|).
function reference(ranked: number[], relevant: Set<number>, k: number) {
  const rel: number[] = ranked.slice(0, k).map((m) => (relevant.has(m) ? 1 : 0));
  const dcg = rel.reduce((s, r, i) => s + (2 ** r - 1) / Math.log2(i + 2), 0);
  const ideal = Array.from({length: Math.min(k, relevant.size)}, (): number => 1).reduce(
    (s, r, i) => s + (2 ** r - 1) / Math.log2(i + 2),
    0
  );
  const precisions = rel.map((_, i) => rel.slice(0, i + 1).reduce((a, b) => a + b, 0) / (i + 1));
  const hits = rel.reduce((a, b) => a + b, 0);
  return {
    precision: hits / k,
    recall: hits / relevant.size,
    ndcg: dcg / ideal,
    ap: rel.reduce((s, r, i) => s + r * precisions[i], 0) / Math.min(k, relevant.size)
  };
}

describe("listMetrics(ranked, relevant, k)", () => {
  it("matches a hand-computed case: hits at ranks 1 and 3 of 5, three relevant", () => {
    const m = listMetrics([1, 2, 3, 4, 5], new Set([1, 3, 6]), 5);
    expect(m.precision).toBe(0.4);
    expect(m.recall).toBeCloseTo(2 / 3, 15);
    expect(m.ndcg).toBeCloseTo((1 + 1 / 2) / (1 + 1 / Math.log2(3) + 1 / 2), 15); // 0.7039
    expect(m.ndcg).toBeCloseTo(0.70392, 5);
    expect(m.ap).toBeCloseTo((1 / 1 + 2 / 3) / 3, 15);
  });

  it("cuts the list at k, and normalises AP and the ideal DCG by min(k, |relevant|)", () => {
    const m = listMetrics([1, 2, 3, 4, 5], new Set([1, 3, 6]), 2);
    expect(m).toEqual({precision: 0.5, recall: 1 / 3, ndcg: 1 / (1 + 1 / Math.log2(3)), ap: 0.5});
  });

  it("is 1 for a perfect list and 0 for a list with no hit; a short list counts its missing places as misses", () => {
    expect(listMetrics([7, 8], new Set([7, 8]), 2)).toEqual({precision: 1, recall: 1, ndcg: 1, ap: 1});
    expect(listMetrics([1, 2, 3], new Set([9]), 3)).toEqual({precision: 0, recall: 0, ndcg: 0, ap: 0});
    expect(listMetrics([9], new Set([9]), 10).precision).toBe(0.1);
  });

  it("agrees with the textbook definitions on random lists", () => {
    const random = createRandom(3);
    for (let trial = 0; trial < 200; ++trial) {
      const ranked = Array.from({length: 1 + random.int(15)}, () => random.int(30));
      const unique = [...new Set(ranked)];
      const relevant = new Set(Array.from({length: 1 + random.int(8)}, () => random.int(30)));
      const k = 1 + random.int(12);
      const got = listMetrics(unique, relevant, k),
        want = reference(unique, relevant, k);
      for (const key of ["precision", "recall", "ndcg", "ap"] as const) expect(got[key]).toBeCloseTo(want[key], 12);
    }
  });

  it("throws a TypeError for k < 1 or no relevant item", () => {
    expect(() => listMetrics([1], new Set([1]), 0)).toThrow(TypeError);
    expect(() => listMetrics([1], new Set(), 10)).toThrow(/no relevant item/);
  });
});

describe("topK(scores, k, skip)", () => {
  it("lists the k best, ties by lower index, leaving out skipped and non-finite scores", () => {
    expect(topK([0.5, 0.9, 0.9, NaN, 0.7, 1], 3)).toEqual([5, 1, 2]);
    expect(topK([0.5, 0.9, 0.9, NaN, 0.7, 1], 3, (i) => i === 5)).toEqual([1, 2, 4]);
    expect(topK([1, 2], 5)).toEqual([1, 0]);
  });
});

describe("rankingReport(task, score, {k})", () => {
  it("averages over users, never ranks a user's training items, and measures coverage and novelty", () => {
    const task = {
      users: [0, 1],
      seen: [new Set([0]), new Set<number>()],
      relevant: [new Set([1]), new Set([3])],
      trainCounts: [3, 1, 0, 7],
      threshold: 4
    };
    const scores = [10, 9, 1, 2]; // the same for both: user 0 gets [1, 3], user 1 gets [0, 1]
    const report = rankingReport(task, () => scores, {k: 2});
    expect(report).toMatchObject({k: 2, threshold: 4, users: 2});
    expect(report.precision).toBeCloseTo((1 / 2 + 0) / 2, 15);
    expect(report.recall).toBeCloseTo((1 + 0) / 2, 15);
    expect(report.ndcg).toBeCloseTo((1 + 0) / 2, 15);
    expect(report.map).toBeCloseTo((1 + 0) / 2, 15);
    expect(report.coverage).toBe(3 / 4); // items 0, 1, 3
    expect(report.novelty).toBeCloseTo((Math.log2(2) + Math.log2(8) + Math.log2(4) + Math.log2(2)) / 4, 15);
  });

  it("throws a TypeError when a score array does not cover the catalogue", () => {
    const task = {users: [0], seen: [new Set<number>()], relevant: [new Set([0])], trainCounts: [1, 1], threshold: 4};
    expect(() => rankingReport(task, () => [1])).toThrow(TypeError);
  });
});
