import {describe, expect, it} from "vitest";
import {batchCount, epochBatches} from "../../src/components/engine/batches.js";

describe("epochBatches(rows, {bs, seed, epoch})", () => {
  const rows = Uint32Array.from({length: 10}, (_, i) => 100 + i);
  it("shuffles the rows and drops the last partial batch", () => {
    const e = epochBatches(rows, {bs: 4, seed: 1, epoch: 0});
    expect(e.count).toBe(2);
    expect([...e.order].sort()).toEqual([...rows]);
    expect(e.batch(0)).toEqual(e.order.subarray(0, 4));
    expect(e.batch(1)).toEqual(e.order.subarray(4, 8));
    expect(e.order).not.toEqual(rows);
  });
  it("gives each epoch its own order, reproducibly", () => {
    expect(epochBatches(rows, {seed: 1, epoch: 2}).order).toEqual(epochBatches(rows, {seed: 1, epoch: 2}).order);
    expect(epochBatches(rows, {seed: 1, epoch: 2}).order).not.toEqual(epochBatches(rows, {seed: 1, epoch: 3}).order);
  });
  it("leaves its input alone", () => {
    epochBatches(rows, {bs: 4});
    expect(rows[0]).toBe(100);
  });
});

describe("batchCount(n, bs)", () => {
  it("counts full batches", () => {
    expect(batchCount(10, 4)).toBe(2);
    expect(batchCount(3, 4)).toBe(0);
  });
});
