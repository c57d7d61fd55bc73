import {describe, expect, it} from "vitest";
import {solveCholesky} from "../src/components/solveCholesky.js";

/** Solves A·x = b for a row-major d × d matrix given as rows, returning x and what is left of A. */
function solve(rows: number[][], b: number[]): {x: number[]; a: number[]} {
  const a = Float64Array.from(rows.flat());
  const x = new Float64Array(b.length);
  solveCholesky(a, Float64Array.from(b), b.length, x);
  return {x: [...x], a: [...a]};
}

describe("solveCholesky(a, b, d, x)", () => {
  it("solves a symmetric positive definite system", () => {
    const rows = [
      [4, 2, 0.4],
      [2, 5, 1],
      [0.4, 1, 3]
    ];
    const {x} = solve(rows, [1, 2, 3]);
    expect(rows.map((row) => row.reduce((s, v, j) => s + v * x[j], 0))).toEqual(
      [1, 2, 3].map((v) => expect.closeTo(v, 12))
    );
    expect(x).toEqual([expect.closeTo(1 / 16, 12), expect.closeTo(53 / 280, 12), expect.closeTo(13 / 14, 12)]);
  });

  it("solves a 1 × 1 system, and the identity", () => {
    expect(solve([[4]], [2]).x).toEqual([0.5]);
    expect(
      solve(
        [
          [1, 0],
          [0, 1]
        ],
        [3, -7]
      ).x
    ).toEqual([3, -7]);
  });

  it("reads only the lower triangle, and overwrites it with the Cholesky factor L (A = L·Lᵀ)", () => {
    const {x, a} = solve(
      [
        [4, 999],
        [2, 5]
      ],
      [2, 3]
    );
    expect(x[0]).toBeCloseTo(0.25, 12);
    expect(x[1]).toBeCloseTo(0.5, 12);
    expect([a[0], a[2], a[3]]).toEqual([2, 1, 2]);
    expect(a[1]).toBe(999);
  });

  it("leaves b as it was", () => {
    const b = Float64Array.of(1, 2);
    solveCholesky(Float64Array.of(2, 0, 0, 2), b, 2, new Float64Array(2));
    expect([...b]).toEqual([1, 2]);
  });

  it("throws a RangeError for a matrix that is not positive definite", () => {
    for (const rows of [
      [[0]],
      [
        [1, 2],
        [2, 1]
      ],
      [
        [-1, 0],
        [0, 1]
      ],
      [[NaN]]
    ]) {
      expect(() =>
        solve(
          rows,
          rows.map(() => 1)
        )
      ).toThrow(new RangeError("solveCholesky: the matrix is not positive definite"));
    }
  });
});
